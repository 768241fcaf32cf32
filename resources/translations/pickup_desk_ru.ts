<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="ru_RU">
<context>
    <name>CertificateBox</name>
    <message numerus="yes">
        <location filename="../../ui/pages/certificate_box.py" line="40"/>
        <source>%n цифр под защитным слоем</source>
        <translation>
            <numerusform>%n цифра под защитным слоем</numerusform>
            <numerusform>%n цифры под защитным слоем</numerusform>
            <numerusform>%n цифр под защитным слоем</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message numerus="yes">
        <location filename="../../ui/pages/manager/charts_tab.py" line="214"/>
        <source>(последние %n поставок)</source>
        <translation>
            <numerusform>(последняя %n поставка)</numerusform>
            <numerusform>(последние %n поставки)</numerusform>
            <numerusform>(последние %n поставок)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClubPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/club_page.py" line="118"/>
        <source>+%n баллов</source>
        <translation>
            <numerusform>+%n балл</numerusform>
            <numerusform>+%n балла</numerusform>
            <numerusform>+%n баллов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/club_page.py" line="121"/>
        <source>Начислено %n баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</source>
        <translation>
            <numerusform>Начислен %n балл (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</numerusform>
            <numerusform>Начислено %n балла (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</numerusform>
            <numerusform>Начислено %n баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="71"/>
        <source>Ждут отправки (%n)</source>
        <translation>
            <numerusform>Ждут отправки (%n)</numerusform>
            <numerusform>Ждут отправки (%n)</numerusform>
            <numerusform>Ждут отправки (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="74"/>
        <source>В этой отправке (%n)</source>
        <translation>
            <numerusform>В этой отправке (%n)</numerusform>
            <numerusform>В этой отправке (%n)</numerusform>
            <numerusform>В этой отправке (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="79"/>
        <source>Отправка не была закрыта. В ней уже %n изделий. Продолжайте сканировать этикетки.</source>
        <translation>
            <numerusform>Отправка не была закрыта. В ней уже %n изделие. Продолжайте сканировать этикетки.</numerusform>
            <numerusform>Отправка не была закрыта. В ней уже %n изделия. Продолжайте сканировать этикетки.</numerusform>
            <numerusform>Отправка не была закрыта. В ней уже %n изделий. Продолжайте сканировать этикетки.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="152"/>
        <source>Отправка закрыта: %n изделий. Акт отправки сформирован.</source>
        <translation>
            <numerusform>Отправка закрыта: %n изделие. Акт отправки сформирован.</numerusform>
            <numerusform>Отправка закрыта: %n изделия. Акт отправки сформирован.</numerusform>
            <numerusform>Отправка закрыта: %n изделий. Акт отправки сформирован.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="157"/>
        <source>Отправка закрыта: %n изделий</source>
        <translation>
            <numerusform>Отправка закрыта: %n изделие</numerusform>
            <numerusform>Отправка закрыта: %n изделия</numerusform>
            <numerusform>Отправка закрыта: %n изделий</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="3"/>
        <source>Подбор PIN-кода сертификата {number}: {attempts:n} неверных PIN-кодов за {minutes} мин (сотрудник {staff}).</source>
        <translation>
            <numerusform>Подбор PIN-кода сертификата {number}: {attempts:n} неверный PIN-код за {minutes} мин (сотрудник {staff}).</numerusform>
            <numerusform>Подбор PIN-кода сертификата {number}: {attempts:n} неверных PIN-кода за {minutes} мин (сотрудник {staff}).</numerusform>
            <numerusform>Подбор PIN-кода сертификата {number}: {attempts:n} неверных PIN-кодов за {minutes} мин (сотрудник {staff}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="7"/>
        <source>Заказ {order} заблокирован: {attempts:n} неверных кодов получения подряд.</source>
        <translation>
            <numerusform>Заказ {order} заблокирован: {attempts:n} неверный код получения подряд.</numerusform>
            <numerusform>Заказ {order} заблокирован: {attempts:n} неверных кода получения подряд.</numerusform>
            <numerusform>Заказ {order} заблокирован: {attempts:n} неверных кодов получения подряд.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="11"/>
        <source>Учётная запись заблокирована после {attempts:n} неудачных попыток входа до {until}. Подождите или обратитесь к администратору.</source>
        <translation>
            <numerusform>Учётная запись заблокирована после {attempts:n} неудачной попытки входа до {until}. Подождите или обратитесь к администратору.</numerusform>
            <numerusform>Учётная запись заблокирована после {attempts:n} неудачных попыток входа до {until}. Подождите или обратитесь к администратору.</numerusform>
            <numerusform>Учётная запись заблокирована после {attempts:n} неудачных попыток входа до {until}. Подождите или обратитесь к администратору.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="26"/>
        <source>Ячейка {label} переполнена: в ней теперь {occupied:n} коробок при вместимости {capacity}. Переложите коробку, когда освободится место.</source>
        <translation>
            <numerusform>Ячейка {label} переполнена: в ней теперь {occupied:n} коробка при вместимости {capacity}. Переложите коробку, когда освободится место.</numerusform>
            <numerusform>Ячейка {label} переполнена: в ней теперь {occupied:n} коробки при вместимости {capacity}. Переложите коробку, когда освободится место.</numerusform>
            <numerusform>Ячейка {label} переполнена: в ней теперь {occupied:n} коробок при вместимости {capacity}. Переложите коробку, когда освободится место.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="142"/>
        <source>Заказ {order} заблокирован после {attempts:n} неверных кодов. Позовите менеджера для разблокировки.</source>
        <translation>
            <numerusform>Заказ {order} заблокирован после {attempts:n} неверного кода. Позовите менеджера для разблокировки.</numerusform>
            <numerusform>Заказ {order} заблокирован после {attempts:n} неверных кодов. Позовите менеджера для разблокировки.</numerusform>
            <numerusform>Заказ {order} заблокирован после {attempts:n} неверных кодов. Позовите менеджера для разблокировки.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="176"/>
        <source>Сертификат {number}: {attempts:n} неверных PIN-кодов за {minutes} мин. Повторите через {minutes} мин. или позовите менеджера.</source>
        <translation>
            <numerusform>Сертификат {number}: {attempts:n} неверный PIN-код за {minutes} мин. Повторите через {minutes} мин. или позовите менеджера.</numerusform>
            <numerusform>Сертификат {number}: {attempts:n} неверных PIN-кода за {minutes} мин. Повторите через {minutes} мин. или позовите менеджера.</numerusform>
            <numerusform>Сертификат {number}: {attempts:n} неверных PIN-кодов за {minutes} мин. Повторите через {minutes} мин. или позовите менеджера.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="211"/>
        <source>Слишком длинное описание повреждения: не больше {limit:n} символов.</source>
        <translation>
            <numerusform>Слишком длинное описание повреждения: не больше {limit:n} символа.</numerusform>
            <numerusform>Слишком длинное описание повреждения: не больше {limit:n} символов.</numerusform>
            <numerusform>Слишком длинное описание повреждения: не больше {limit:n} символов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="253"/>
        <source>По заказу {order} сегодня уже {count:n} повторных SMS — это предел. Следующую отправку можно сделать после {next_at}.</source>
        <translation>
            <numerusform>По заказу {order} сегодня уже {count:n} повторное SMS — это предел. Следующую отправку можно сделать после {next_at}.</numerusform>
            <numerusform>По заказу {order} сегодня уже {count:n} повторных SMS — это предел. Следующую отправку можно сделать после {next_at}.</numerusform>
            <numerusform>По заказу {order} сегодня уже {count:n} повторных SMS — это предел. Следующую отправку можно сделать после {next_at}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="256"/>
        <source>Продлить хранение можно на 1–{max:n} дней, а не на {days}.</source>
        <translation>
            <numerusform>Продлить хранение можно на 1–{max:n} день, а не на {days}.</numerusform>
            <numerusform>Продлить хранение можно на 1–{max:n} дня, а не на {days}.</numerusform>
            <numerusform>Продлить хранение можно на 1–{max:n} дней, а не на {days}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeFlow</name>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_flow.py" line="140"/>
        <source>%n мес.</source>
        <translation>
            <numerusform>%n мес.</numerusform>
            <numerusform>%n мес.</numerusform>
            <numerusform>%n мес.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_intake.py" line="155"/>
        <source>Фото: %n</source>
        <translation>
            <numerusform>Фото: %n</numerusform>
            <numerusform>Фото: %n</numerusform>
            <numerusform>Фото: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManagerJournal</name>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="395"/>
        <source>Проверено %n записей — изменений и удалений нет.</source>
        <translation>
            <numerusform>Проверена %n запись — изменений и удалений нет.</numerusform>
            <numerusform>Проверены %n записи — изменений и удалений нет.</numerusform>
            <numerusform>Проверено %n записей — изменений и удалений нет.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManagerPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/manager/console_page.py" line="100"/>
        <source>Выгружено строк: %n</source>
        <translation>
            <numerusform>Выгружена %n строка</numerusform>
            <numerusform>Выгружено %n строки</numerusform>
            <numerusform>Выгружено %n строк</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlacementPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/placement_page.py" line="128"/>
        <source>Ячейка {0} (размер {1}): {2} из %n мест занято.</source>
        <translation>
            <numerusform>Ячейка {0} (размер {1}): {2} из %n места занято.</numerusform>
            <numerusform>Ячейка {0} (размер {1}): {2} из %n мест занято.</numerusform>
            <numerusform>Ячейка {0} (размер {1}): {2} из %n мест занято.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/returns_page.py" line="208"/>
        <source>%n коробок</source>
        <translation>
            <numerusform>%n коробка</numerusform>
            <numerusform>%n коробки</numerusform>
            <numerusform>%n коробок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/returns_page.py" line="208"/>
        <source>%n заказов</source>
        <translation>
            <numerusform>%n заказ</numerusform>
            <numerusform>%n заказа</numerusform>
            <numerusform>%n заказов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="394"/>
        <source>минимальная длина {0} больше кода получения (%n цифр)</source>
        <translation>
            <numerusform>минимальная длина {0} больше кода получения (%n цифра)</numerusform>
            <numerusform>минимальная длина {0} больше кода получения (%n цифры)</numerusform>
            <numerusform>минимальная длина {0} больше кода получения (%n цифр)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/sync_page.py" line="131"/>
        <source>Журнал цел: %n записей</source>
        <translation>
            <numerusform>Журнал цел: %n запись</numerusform>
            <numerusform>Журнал цел: %n записи</numerusform>
            <numerusform>Журнал цел: %n записей</numerusform>
        </translation>
    </message>
</context>
</TS>
