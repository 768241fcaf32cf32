<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ru_RU">
<context>
    <name></name>
    <message>
        <location filename="../../ui/version_info.py" line="19"/>
        <source>About</source>
        <comment>Pickup Desk — программа пункта выдачи заказов.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/version_info.py" line="21"/>
        <source>About</source>
        <comment>Журнал программы: {0}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/version_info.py" line="22"/>
        <source>About</source>
        <comment>Данные: {0}</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="79"/>
        <source>Запуск программы…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="98"/>
        <source>Программа не запустилась</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClubPage</name>
    <message>
        <location filename="../../ui/pages/club_page.py" line="24"/>
        <source>Отсканируйте клубную карту, затем введите код активации, город и телефон.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="29"/>
        <source>13 цифр, начинается с 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="31"/>
        <source>код с оборота карты</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="33"/>
        <source>если есть на карте</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="39"/>
        <source>Номер карты:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="40"/>
        <source>Код активации:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="41"/>
        <source>Доп. код:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="42"/>
        <source>Город:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="43"/>
        <source>Телефон клиента:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="51"/>
        <source>Проверить клиента</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="52"/>
        <source>Активировать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="53"/>
        <source>Очистить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="62"/>
        <source>Карта считана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="62"/>
        <source>Введите код активации с оборота карты.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="84"/>
        <source>✔ Можно выдать карту: {0}, заказ {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="86"/>
        <source>Клиент может получить карту</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="86"/>
        <source>Нажмите F10 — активировать.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="89"/>
        <source>✖ Карту выдать нельзя: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="90"/>
        <source>Карту выдать нельзя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="103"/>
        <source>Карта {0} активирована: {1}, {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="105"/>
        <source>+{0} баллов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="106"/>
        <source>Карта активирована</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="107"/>
        <source>Начислено {0} баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="33"/>
        <location filename="../../ui/status_bar.py" line="50"/>
        <source>ПВЗ: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="54"/>
        <source>Вход не выполнен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="55"/>
        <source>Смена: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="57"/>
        <source>Сотрудник: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="58"/>
        <source>открыта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="58"/>
        <source>закрыта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="59"/>
        <source>Смена: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67"/>
        <source>Не отправлено: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="68"/>
        <source>Синхр.: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="69"/>
        <source>Конфликты: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="73"/>
        <source>● Синхронизация не запущена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="74"/>
        <source>Не отправлено: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="75"/>
        <source>Синхр.: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="76"/>
        <source>Конфликты: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="80"/>
        <source>● В сети</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="82"/>
        <source>● Подключение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="84"/>
        <source>● Нет связи</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="86"/>
        <source> (обмен…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../ui/crash.py" line="58"/>
        <source>Ошибка программы</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedbackBanner</name>
    <message>
        <location filename="../../ui/feedback.py" line="94"/>
        <location filename="../../ui/feedback.py" line="137"/>
        <source>Готово к сканированию</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="40"/>
        <source>Найти</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="41"/>
        <source>Документ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="42"/>
        <location filename="../../ui/pages/handover_page.py" line="253"/>
        <source>Доверенность</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="43"/>
        <source>Отказ от позиции</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="44"/>
        <source>Оплата</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="45"/>
        <source>Выдать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="46"/>
        <source>Прервать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="55"/>
        <source>номер заказа или код из SMS (6 цифр)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="58"/>
        <source>тел.: 4 цифры</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="62"/>
        <source>фамилия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="85"/>
        <source>Ячейка:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="97"/>
        <source>Коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="97"/>
        <source>Место</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="97"/>
        <source>Ячейка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="97"/>
        <source>Отсканирована</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="99"/>
        <source>Товар</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="99"/>
        <source>Кол-во</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="99"/>
        <source>Цена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="99"/>
        <source>Отказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="133"/>
        <source>Что искать?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="134"/>
        <source>Отсканируйте QR-код или номер заказа, введите код из SMS или 4 цифры телефона и фамилию.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="191"/>
        <source>Заказ не найден</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="192"/>
        <source>Проверьте данные. Можно отсканировать QR-код из приложения или номер заказа.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="195"/>
        <source>Найдено несколько заказов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="196"/>
        <source>Отсканируйте или введите номер нужного: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="202"/>
        <location filename="../../ui/pages/handover_page.py" line="375"/>
        <source>Заказ {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="203"/>
        <source>Попросите код из SMS (введите и нажмите Enter) или отсканируйте QR-код из приложения.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="213"/>
        <source>по QR-коду</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="213"/>
        <source>по коду из SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="214"/>
        <source>Код верный</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="214"/>
        <source>Клиент подтверждён {0}. {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="223"/>
        <source>ЗАКАЗ ЗАБЛОКИРОВАН</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="225"/>
        <source>Неверный код</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="253"/>
        <source>Номер доверенности:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="268"/>
        <source>Повтор</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="268"/>
        <source>Коробка {0} уже отсканирована.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="271"/>
        <source>Коробка есть</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="303"/>
        <source>СДАЧА {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="303"/>
        <source>Оплата принята</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="309"/>
        <source>Записано</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="321"/>
        <source>Выдано на {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="323"/>
        <source>Отказ на {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="325"/>
        <source>Начислено баллов: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="326"/>
        <source>Заказ {0} выдан</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="327"/>
        <source>Заказ {0} выдан частично</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="327"/>
        <source>Отказ от заказа {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="340"/>
        <source>Выдача прервана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="340"/>
        <source>Заказ {0} остаётся в ячейке.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="346"/>
        <source>Нет заказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="346"/>
        <source>Сначала найдите заказ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="355"/>
        <source>Следующий шаг</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="362"/>
        <source>Всё готово: нажмите F10 — выдать.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="368"/>
        <source>Отсканируйте QR-код клиента или номер заказа, или введите код из SMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="378"/>
        <source>Юрлицо: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="386"/>
        <source>К оплате: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="387"/>
        <source>Оплачено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="398"/>
        <source>код / QR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="399"/>
        <source>документ (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="400"/>
        <source>доверенность (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="401"/>
        <source>коробки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="402"/>
        <source>оплата (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="406"/>
        <source>✔ Всё проверено — F10 выдать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="407"/>
        <source>Осталось: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="411"/>
        <source>Заказ заблокирован после неверных кодов. Позовите менеджера.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="413"/>
        <source>Попыток ввода кода: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/login_screen.py" line="35"/>
        <source>Пункт выдачи заказов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="39"/>
        <source>Отсканируйте пропуск и введите PIN — или введите логин и пароль.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="42"/>
        <source>пропуск ST…… или логин</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="45"/>
        <source>PIN или пароль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="48"/>
        <source>Войти (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="58"/>
        <source>Пропуск / логин:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="59"/>
        <source>PIN / пароль:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="84"/>
        <source>Сначала войдите: отсканируйте свой пропуск и введите PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="89"/>
        <source>Пропуск считан. Введите PIN и нажмите Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="102"/>
        <source>Проверка…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="48"/>
        <source>Пункт выдачи — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48"/>
        <source>Пункт выдачи</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>&amp;Файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95"/>
        <source>Заблокировать (выйти)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>Выход из программы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97"/>
        <source>&amp;Смена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="99"/>
        <source>Открыть смену</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>Закрыть смену</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>&amp;Переход</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>&amp;Справка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Горячие клавиши</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>О программе</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Нет доступа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Этот раздел доступен руководителю.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Здравствуйте, {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>Экран заблокирован. Войдите снова.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Экран заблокирован после простоя. Войдите снова.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>Смена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>Закрыть смену и получить отчёт?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/base.py" line="85"/>
        <source>Не выполнено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="122"/>
        <source>Нужен вход</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="122"/>
        <source>Войдите в систему, чтобы продолжить.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageTitles</name>
    <message>
        <location filename="../../ui/pages/club_page.py" line="17"/>
        <source>Клубные карты</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="30"/>
        <source>Выдача</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="19"/>
        <source>Размещение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="30"/>
        <source>Приёмка</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlacementPage</name>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="27"/>
        <location filename="../../ui/pages/placement_page.py" line="85"/>
        <source>Шаг 1: отсканируйте коробку.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="30"/>
        <source>Рекомендуемая ячейка:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="34"/>
        <source>Проверка ячейки: отсканируйте ячейку, не сканируя коробку.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="35"/>
        <source>Коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="35"/>
        <source>Место</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="35"/>
        <source>Заказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="35"/>
        <source>Статус заказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="40"/>
        <source>Отменить коробку</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="61"/>
        <source>Шаг 2: положите коробку в ячейку и отсканируйте ячейку.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="62"/>
        <source>Коробка {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="64"/>
        <source>Размер {0}, занято {1} из {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="67"/>
        <source>Там уже лежат коробки этого заказа.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="69"/>
        <source>Коробка считана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="69"/>
        <source>Положите в ячейку {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="79"/>
        <source> (перемещена из {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="80"/>
        <source>Размещено в {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="81"/>
        <source>Коробка {0}, заказ {1}{2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="82"/>
        <source>Готово. Шаг 1: отсканируйте следующую коробку.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="86"/>
        <source>Коробка снята с выбора</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="100"/>
        <source>Ячейка {0} (размер {1}): {2} из {3} мест занято.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="103"/>
        <source>Проверка ячейки {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="104"/>
        <source>Сверьте коробки на полке со списком.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCoreApplication</name>
    <message numerus="yes">
        <location filename="../../ui/crash.py" line="67"/>
        <source>Crash</source>
        <comment>В программе произошла ошибка. Все сохранённые данные на месте: каждое завершённое действие записано в базу.

Сообщите в поддержку и приложите файл журнала:
{0}

Технически: {1}</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="39"/>
        <source>Приёмка не начата. F2 — выбрать поставку, F3 — без накладной.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="46"/>
        <source>Время</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="46"/>
        <source>Коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="46"/>
        <source>Заказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="46"/>
        <source>Место</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="47"/>
        <source>Результат</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="49"/>
        <source>Последние сканирования:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="51"/>
        <location filename="../../ui/pages/receiving_page.py" line="76"/>
        <source>Поставка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="52"/>
        <source>Без накладной</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="53"/>
        <source>Отменить последнее</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="54"/>
        <location filename="../../ui/pages/receiving_page.py" line="184"/>
        <source>Повреждение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="55"/>
        <location filename="../../ui/pages/receiving_page.py" line="205"/>
        <source>Закрыть приёмку</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="61"/>
        <source>Ожидается</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="62"/>
        <location filename="../../ui/pages/receiving_page.py" line="140"/>
        <source>Принято</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="63"/>
        <source>Не хватает</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="64"/>
        <source>Излишки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="65"/>
        <source>Чужие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="76"/>
        <source>Номер поставки (накладной):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="100"/>
        <source>Поставка {0}: сканируйте коробки.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="102"/>
        <source>Приёмка без накладной: сканируйте коробки.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="104"/>
        <source>Приёмка открыта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="104"/>
        <source>Сканируйте коробки по одной.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="115"/>
        <source>Приёмка не начата</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="116"/>
        <source>Нажмите F2 и выберите поставку или F3 — приёмка без накладной.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="131"/>
        <source>Заказ {0}: коробка {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="137"/>
        <source>Заказ {0}, коробка {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="139"/>
        <source>Заказ прибыл полностью — клиенту уйдёт SMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="142"/>
        <source>Повтор</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="142"/>
        <source>Коробка {0} уже принята. Отложите её к остальным.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="144"/>
        <source>Излишек</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="145"/>
        <source>Коробки {0} нет в этой накладной. Принята как излишек — она попадёт в акт.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="147"/>
        <source>Чужая коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="148"/>
        <source>Коробка {0} адресована другому пункту выдачи. Отложите её для возврата.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="150"/>
        <source>Заказ отменён</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="151"/>
        <source>Заказ {0} отменён. Не размещайте коробку: отложите её для возврата.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="152"/>
        <source>Не коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="173"/>
        <source>Отменено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="174"/>
        <source>Сканирование отменено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="175"/>
        <source>Коробка {0} снова считается не принятой.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="182"/>
        <source>Нет коробки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="182"/>
        <source>Сначала отсканируйте повреждённую коробку.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="185"/>
        <source>Коробка {0}. Опишите повреждение:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="198"/>
        <location filename="../../ui/pages/receiving_page.py" line="199"/>
        <source>Повреждение отмечено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="199"/>
        <source>Коробка {0} попадёт в акт.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="206"/>
        <source>Закрыть приёмку и сформировать акт расхождений?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="215"/>
        <source>Приёмка закрыта. F2 — следующая поставка, F3 — без накладной.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="219"/>
        <source>Приёмка закрыта с расхождениями</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="221"/>
        <source>Приёмка закрыта без расхождений</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanDispatcher</name>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="48"/>
        <source>Код не распознан</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="70"/>
        <source>Этот код здесь не нужен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="71"/>
        <source>Отсканирован код вида «{0}», но на этом экране он не используется.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanKinds</name>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="82"/>
        <source>номер заказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="83"/>
        <source>коробка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="84"/>
        <source>ячейка хранения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="85"/>
        <source>клубная карта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="86"/>
        <source>пропуск сотрудника</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="87"/>
        <source>QR-код получения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="88"/>
        <source>код получения</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <location filename="../../ui/shift_actions.py" line="43"/>
        <location filename="../../ui/shift_actions.py" line="66"/>
        <source>Смена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="44"/>
        <source>Смена не открыта. Открыть смену сейчас?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="53"/>
        <source>Смена открыта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="53"/>
        <source>Хорошей работы!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="62"/>
        <source>Смена закрыта</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/startup.py" line="41"/>
        <source>Обновление базы данных…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="43"/>
        <source>Подключение к серверу…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="48"/>
        <source>Запуск синхронизации…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="52"/>
        <source>Готово</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="64"/>
        <source>Регистрация рабочего места…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../../ui/shift_actions.py" line="71"/>
        <source>Принято коробок: {0}; выдано заказов: {1}; наличные: {2}; карта: {3}; активировано карт: {4}; возвращено коробок: {5}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="419"/>
        <source>Проверьте код из SMS или QR-код.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="420"/>
        <source>Проверьте документ клиента: F6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="421"/>
        <source>Внесите номер доверенности: F7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="422"/>
        <source>Отсканируйте каждую коробку заказа.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="423"/>
        <source>Примите оплату: F9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="226"/>
        <source>Принято: {0}; не хватает: {1}; излишки: {2}; чужие: {3}; отменённые: {4}; повреждено: {5}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="231"/>
        <source>Не хватает: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dialogs.py" line="49"/>
        <source>Отказ от позиции</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="55"/>
        <source>Количество, шт.:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="56"/>
        <source>Причина:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="57"/>
        <source>Комментарий:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="66"/>
        <source>Оплата</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="66"/>
        <source>К оплате: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="67"/>
        <source>Наличные</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="67"/>
        <source>Банковская карта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="70"/>
        <source>Способ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="71"/>
        <source>Получено, ₽:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="80"/>
        <source>Документ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="81"/>
        <source>Проверьте документ. Запишите только тип и последние 4 цифры номера.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="86"/>
        <source>Тип документа:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="87"/>
        <source>Последние 4 цифры:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <location filename="../../ui/workers.py" line="47"/>
        <source>База данных занята другой операцией. Повторите действие через несколько секунд.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="51"/>
        <source>На диске закончилось место. Освободите место на диске и повторите действие.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="55"/>
        <source>Нет связи с сервером. Работа продолжается без сети; данные отправятся позже.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="58"/>
        <source>Ошибка окружения: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
