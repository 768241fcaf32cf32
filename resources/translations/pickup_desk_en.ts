<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ru_RU">
<context>
    <name>About</name>
    <message>
        <location filename="../../ui/version_info.py" line="17"/>
        <source>Pickup Desk — программа пункта выдачи заказов.</source>
        <translation>Pickup Desk — order pickup point software.</translation>
    </message>
    <message>
        <location filename="../../ui/version_info.py" line="19"/>
        <source>Журнал программы: {0}</source>
        <translation>Program log: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/version_info.py" line="20"/>
        <source>Данные: {0}</source>
        <translation>Data: {0}</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/services/review.py" line="20"/>
        <source>разбор конфликтов</source>
        <translation>conflict review</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="135"/>
        <source>активация клубной карты</source>
        <translation>club card activation</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="178"/>
        <source>просмотр бонусного счёта</source>
        <translation>viewing a bonus account</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/payment.py" line="41"/>
        <source>приём оплаты</source>
        <translation>taking payment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="54"/>
        <source>выдача заказа</source>
        <translation>order handover</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/verification.py" line="30"/>
        <source>разблокировка заказа</source>
        <translation>unlocking an order</translation>
    </message>
    <message>
        <location filename="../../desktop/services/journal_service.py" line="47"/>
        <location filename="../../desktop/services/manager/journal_report.py" line="152"/>
        <source>проверка журнала</source>
        <translation>journal verification</translation>
    </message>
    <message>
        <location filename="../../desktop/services/journal_service.py" line="63"/>
        <location filename="../../desktop/services/manager/journal_report.py" line="135"/>
        <source>просмотр журнала</source>
        <translation>viewing the journal</translation>
    </message>
    <message>
        <location filename="../../desktop/services/notification.py" line="97"/>
        <source>повторная отправка SMS</source>
        <translation>resending an SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="53"/>
        <source>приёмка поставки</source>
        <translation>receiving a shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="54"/>
        <source>отмена сканирования</source>
        <translation>undoing a scan</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="55"/>
        <source>отметка о повреждении</source>
        <translation>flagging damage</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="56"/>
        <source>закрытие приёмки</source>
        <translation>closing receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/services/returns/service.py" line="34"/>
        <source>возврат заказов</source>
        <translation>returning orders</translation>
    </message>
    <message>
        <location filename="../../desktop/services/returns/service.py" line="35"/>
        <source>продление срока хранения</source>
        <translation>extending the storage period</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="49"/>
        <source>открытие смены</source>
        <translation>opening a shift</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="50"/>
        <source>закрытие смены</source>
        <translation>closing a shift</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="51"/>
        <source>X-отчёт на кассе</source>
        <translation>X report on the cash register</translation>
    </message>
    <message>
        <location filename="../../desktop/services/storage_cells.py" line="29"/>
        <source>размещение коробки</source>
        <translation>placing a box</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/code_guard.py" line="35"/>
        <source>разрешение поиска по коду получения</source>
        <translation>allowing the lookup by pickup code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="48"/>
        <source>просмотр исключений</source>
        <translation>viewing exceptions</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="48"/>
        <source>просмотр того, что ждёт слишком долго</source>
        <translation>viewing what waits too long</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="41"/>
        <source>просмотр приёмок</source>
        <translation>viewing receiving sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="29"/>
        <source>просмотр работы сотрудников</source>
        <translation>viewing staff activity</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="43"/>
        <source>просмотр графиков</source>
        <translation>viewing charts</translation>
    </message>
    <message>
        <location filename="../../desktop/services/warranty/intake.py" line="34"/>
        <source>приём изделия с другим серийным номером</source>
        <translation>intake of an item with a different serial number</translation>
    </message>
    <message>
        <location filename="../../desktop/services/warranty/service.py" line="38"/>
        <source>приём изделий по гарантии</source>
        <translation>warranty intake</translation>
    </message>
    <message>
        <location filename="../../desktop/services/warranty/service.py" line="39"/>
        <source>отправка изделий в сервис</source>
        <translation>dispatch of items to service</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificate_service.py" line="35"/>
        <source>продажа подарочного сертификата</source>
        <translation>selling a gift certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificate_service.py" line="36"/>
        <source>проверка подарочного сертификата</source>
        <translation>checking a gift certificate</translation>
    </message>
</context>
<context>
    <name>ActivityTab</name>
    <message>
        <location filename="../../ui/pages/manager/activity_tab.py" line="37"/>
        <source>Смены (Enter — отчёт за смену)</source>
        <translation>Shifts (Enter — the shift report)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/activity_tab.py" line="38"/>
        <source>Итого по сотрудникам за период</source>
        <translation>Totals per staff member for the period</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="150"/>
        <source>Программа не запустилась</source>
        <translation>The program did not start</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="215"/>
        <source>Рабочее место не зарегистрировано: регистрация отменена. Программа закрывается.
Запустите её снова, когда получите код регистрации у администратора.</source>
        <translation>This workstation is not enrolled: enrolment was cancelled. The program will close.
Start it again when you have an enrolment code from the administrator.</translation>
    </message>
</context>
<context>
    <name>ArrivalsTab</name>
    <message>
        <location filename="../../ui/pages/manager/arrivals_tab.py" line="46"/>
        <source>F7 Акт расхождений на экране</source>
        <translation>F7 Discrepancy act on screen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/arrivals_tab.py" line="49"/>
        <source>Акт расхождений на экране</source>
        <translation>Discrepancy report on screen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/arrivals_tab.py" line="93"/>
        <source>Откройте приёмку (Enter или двойной щелчок), чтобы увидеть её коробки.</source>
        <translation>Open a receiving session (Enter or double-click) to see its boxes.</translation>
    </message>
</context>
<context>
    <name>BalancePanel</name>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="48"/>
        <source>подтверждено</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="49"/>
        <source>ждёт подтверждения</source>
        <translation>awaiting confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="50"/>
        <source>списано, не подтверждено</source>
        <translation>spent, not confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="51"/>
        <source>можно списать</source>
        <translation>can be spent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="55"/>
        <source>Когда</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="55"/>
        <source>Операция</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="55"/>
        <source>Баллы</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="55"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="56"/>
        <source>Статус</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>BuildInfo</name>
    <message>
        <location filename="../../desktop/version.py" line="33"/>
        <source>Pickup Desk {version} (коммит {commit}, сборка от {date})</source>
        <translation>Pickup Desk {version} (commit {commit}, built {date})</translation>
    </message>
    <message>
        <location filename="../../desktop/version.py" line="35"/>
        <source>Pickup Desk {version} (коммит {commit}, исходники от {date})</source>
        <translation>Pickup Desk {version} (commit {commit}, source checkout {date})</translation>
    </message>
    <message>
        <location filename="../../desktop/version.py" line="72"/>
        <source>Pickup Desk {version}
коммит: {commit}
дата сборки: {date}
</source>
        <translation>Pickup Desk {version}
commit: {commit}
build date: {date}
</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="53"/>
        <source>Не удалось открыть снимок: это не изображение или файл повреждён.</source>
        <translation>Could not open the photo: it is not an image or the file is damaged.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="74"/>
        <source>Сканирование камерой</source>
        <translation>Camera scanning</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="94"/>
        <source>Поднесите штрихкод или QR-код к камере.</source>
        <translation>Hold the barcode or QR code up to the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="97"/>
        <source>Открыть фото…</source>
        <translation>Open photo…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="99"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="112"/>
        <source>Можно открыть фотографию кода с диска.</source>
        <translation>You can open a photo of the code from disk.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="145"/>
        <source>Читаю код на снимке {0}…</source>
        <translation>Reading the code in photo {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="149"/>
        <source>Изображения (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="150"/>
        <source>Фото кода</source>
        <translation>Photo of the code</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="165"/>
        <source>Считан код: {0}</source>
        <translation>Code read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/camera_dialog.py" line="187"/>
        <source>На снимке не найден штрихкод или QR-код. Снимите код ближе, без бликов, и попробуйте снова.</source>
        <translation>No barcode or QR code found in the photo. Take the photo closer, without glare, and try again.</translation>
    </message>
</context>
<context>
    <name>CameraSource</name>
    <message>
        <location filename="../../ui/hardware/frames.py" line="18"/>
        <source>Камера не найдена. Подключите веб-камеру и откройте это окно снова — или сфотографируйте код телефоном и откройте снимок кнопкой «Открыть фото…». {0}</source>
        <translation>No camera found. Connect a webcam and open this window again, or photograph the code with a phone and open the photo with «Open photo…». {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/frames.py" line="138"/>
        <source>Камера сообщила об ошибке: {0}. Закройте другие программы, которые используют камеру. {1}</source>
        <translation>The camera reported an error: {0}. Close other programs that use the camera. {1}</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="35"/>
        <source>Подарочные сертификаты (F3)</source>
        <translation>Gift certificates (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="39"/>
        <source>GC… — отсканируйте сертификат</source>
        <translation>GC… — scan the certificate</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/certificate_box.py" line="40"/>
        <source>%n цифр под защитным слоем</source>
        <translation>
            <numerusform>%n digit under the scratch layer</numerusform>
            <numerusform>%n digits under the scratch layer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="44"/>
        <source>сумма, ₽</source>
        <translation>amount, ₽</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="48"/>
        <source>Сертификат</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="48"/>
        <source>Можно списать</source>
        <translation>Can be spent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="48"/>
        <source>Списать</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="60"/>
        <source>Номер:</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="61"/>
        <source>PIN-код:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="62"/>
        <source>Списать, ₽:</source>
        <translation>Take, ₽:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="81"/>
        <source>Это не номер сертификата: ожидается GC и 12 цифр.</source>
        <translation>This is not a certificate number: GC and 12 digits expected.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="85"/>
        <source>Введите PIN-код сертификата и нажмите Enter.</source>
        <translation>Enter the certificate&apos;s PIN and press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="95"/>
        <source>Проверяем сертификат {0}…</source>
        <translation>Checking certificate {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="101"/>
        <source>Сертификат {0}: остаток {1}, можно списать {2}, действует до {3}.</source>
        <translation>Certificate {0}: balance {1}, can be spent {2}, valid until {3}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="120"/>
        <source>Сумма должна быть больше нуля и не больше {0}.</source>
        <translation>The amount must be more than zero and at most {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_box.py" line="129"/>
        <source>Сертификат {0} добавлен: {1}. Следующий — или Enter, чтобы перейти к карте.</source>
        <translation>Certificate {0} added: {1}. Scan the next one, or press Enter to go on to the card.</translation>
    </message>
</context>
<context>
    <name>CertificateSale</name>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="180"/>
        <source>Сертификат {0} на {1} продан. Он станет активным, когда центр подтвердит продажу.</source>
        <translation>Certificate {0} for {1} sold. It becomes active once the centre confirms the sale.</translation>
    </message>
</context>
<context>
    <name>CertificateSaleDialog</name>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="55"/>
        <source>Продажа подарочного сертификата</source>
        <translation>Gift certificate sale</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="60"/>
        <source>GC… — отсканируйте сертификат</source>
        <translation>GC… — scan the certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="66"/>
        <source>Наличные</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="67"/>
        <source>Банковская карта</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="68"/>
        <source>сколько дал клиент, ₽</source>
        <translation>what the customer handed over, ₽</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="81"/>
        <source>Сертификат:</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="83"/>
        <source>Номинал:</source>
        <translation>Face value:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="84"/>
        <source>Оплата (F4/F5):</source>
        <translation>Payment (F4/F5):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="85"/>
        <source>Наличными получено, ₽:</source>
        <translation>Cash received, ₽:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="86"/>
        <source>Сдача:</source>
        <translation>Change:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="89"/>
        <source>Продать</source>
        <translation>Sell</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="90"/>
        <source>Отмена</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="109"/>
        <source>Это не номер сертификата: ожидается GC и 12 цифр.</source>
        <translation>This is not a certificate number: GC and 12 digits expected.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="111"/>
        <source>Ищем сертификат {0}…</source>
        <translation>Looking up certificate {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="116"/>
        <source>Сертификат {0} продать нельзя: он уже продан, погашен или заблокирован.</source>
        <translation>Certificate {0} cannot be sold: it is already sold, spent or blocked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="124"/>
        <source>Сертификат {0} на складе, номинал {1}. Примите оплату.</source>
        <translation>Certificate {0} is in stock, face value {1}. Take the payment.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="125"/>
        <source>Сертификат {0} на складе: выберите номинал.</source>
        <translation>Certificate {0} is in stock: choose the face value.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="160"/>
        <source>Сначала отсканируйте сертификат со склада.</source>
        <translation>First scan a certificate from stock.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/certificate_sale.py" line="164"/>
        <source>Наличных меньше номинала: введите, сколько дал клиент.</source>
        <translation>Less cash than the face value: enter what the customer handed over.</translation>
    </message>
</context>
<context>
    <name>CertificateStatus</name>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="33"/>
        <source>не продан</source>
        <translation>not sold</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="34"/>
        <source>продан, ждёт подтверждения центром</source>
        <translation>sold, awaiting the retailer&apos;s confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="35"/>
        <source>действует</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="36"/>
        <source>использован</source>
        <translation>spent</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="37"/>
        <source>срок истёк</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../desktop/services/money/certificates.py" line="38"/>
        <source>заблокирован</source>
        <translation>blocked</translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="167"/>
        <source>Приёмка по дням</source>
        <translation>Receiving per day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="167"/>
        <source>Выдачи по часам</source>
        <translation>Handovers per hour</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="167"/>
        <source>Расхождения</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="168"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="168"/>
        <source>Ячейки</source>
        <translation>Cells</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="190"/>
        <source>День</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="191"/>
        <source>Коробок</source>
        <translation>Boxes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="194"/>
        <source>Сообщений</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="208"/>
        <source>Час дня</source>
        <translation>Hour of day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="208"/>
        <source>Заказов</source>
        <translation>Orders</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/manager/charts_tab.py" line="214"/>
        <source>(последние %n поставок)</source>
        <translation>
            <numerusform>(the last %n shipment)</numerusform>
            <numerusform>(the last %n shipments)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="217"/>
        <source>Поставка</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="217"/>
        <source>% от ожидаемого</source>
        <translation>% of expected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="223"/>
        <source>Свободно</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="224"/>
        <source>Размер ячеек</source>
        <translation>Cell size</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="224"/>
        <source>Мест</source>
        <translation>Places</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../desktop/cli.py" line="47"/>
        <source>Pickup Desk — программа пункта выдачи заказов.</source>
        <translation>Pickup Desk — order pickup point software.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="50"/>
        <source>показать версию, коммит и дату сборки и выйти</source>
        <translation>show the version, commit and build date and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="55"/>
        <source>зарегистрировать компьютер на сервере по коду и выйти</source>
        <translation>register this computer with the server using a code and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="57"/>
        <source>с --enrol: заменить прежнюю регистрацию (ключ отозван, ПК перенесён в другой пункт)</source>
        <translation>with --enrol: replace the previous registration (key revoked, PC moved to another point)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="58"/>
        <source>дополнительный файл настроек TOML</source>
        <translation>additional TOML settings file</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="59"/>
        <source>каталог данных (база, регистрация)</source>
        <translation>data directory (database, registration)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="60"/>
        <source>каталог журналов</source>
        <translation>log directory</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="61"/>
        <source>адрес центрального сервера (embedded — встроенный)</source>
        <translation>central server address (embedded — the built-in one)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="62"/>
        <source>код пункта выдачи (4 цифры)</source>
        <translation>pickup point code (4 digits)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="63"/>
        <source>имя этого компьютера на сервере</source>
        <translation>this computer&apos;s name on the server</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="64"/>
        <source>файл корневых сертификатов для TLS</source>
        <translation>root certificates file for TLS</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="65"/>
        <source>DEBUG, INFO, WARNING или ERROR</source>
        <translation>DEBUG, INFO, WARNING or ERROR</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="66"/>
        <source>язык интерфейса: ru или en</source>
        <translation>interface language: ru or en</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="68"/>
        <source>выйти сразу после показа экрана входа (проверка сборки, замер запуска)</source>
        <translation>quit right after showing the login screen (build check, start-up timing)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="139"/>
        <source>Ошибка настроек: {0}</source>
        <translation>Settings error: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="154"/>
        <source>Ошибка: укажите адрес сервера: --enrol https://сервер КОД</source>
        <translation>Error: give the server address: --enrol https://server CODE</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="158"/>
        <source>Компьютер уже зарегистрирован: пункт {0}, сервер {1}. Код не использован.</source>
        <translation>This computer is already registered: point {0}, server {1}. The code was not used.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="164"/>
        <source>Регистрация не выполнена: {0}</source>
        <translation>Registration failed: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="192"/>
        <source>Регистрация отменена: код выдан для пункта {0}, а установка — для пункта {1}. Попросите код для своего пункта.</source>
        <translation>Registration cancelled: the code was issued for point {0}, but this installation is for point {1}. Ask for a code for your point.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="169"/>
        <source>Компьютер «{0}» зарегистрирован: пункт выдачи {1}, сервер {2}.</source>
        <translation>Computer «{0}» is registered: pickup point {1}, server {2}.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="51"/>
        <source>проверить установку и выйти: 0 — готов к работе, 1 — работает не полностью, 2 — работать нельзя</source>
        <translation>check the installation and exit: 0 — ready to work, 1 — degraded, 2 — cannot work</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="53"/>
        <source>с --self-test: отчёт в JSON для сценариев установки</source>
        <translation>with --self-test: a JSON report for install scripts</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="209"/>
        <source>Укажите --version, --self-test или --enrol URL CODE.</source>
        <translation>Give --version, --self-test or --enrol URL CODE.</translation>
    </message>
</context>
<context>
    <name>ClubBalance</name>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="18"/>
        <source>начисление за покупку</source>
        <translation>accrual for a purchase</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="19"/>
        <source>приветственные баллы</source>
        <translation>welcome points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="20"/>
        <source>оплата баллами</source>
        <translation>paid with points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="21"/>
        <source>отмена начисления: товар возвращён</source>
        <translation>accrual reversed: goods returned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="24"/>
        <source>ждёт подтверждения центра</source>
        <translation>awaiting the centre&apos;s confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="25"/>
        <source>подтверждено</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_balance.py" line="26"/>
        <source>отклонено центром</source>
        <translation>rejected by the centre</translation>
    </message>
</context>
<context>
    <name>ClubCardStatus</name>
    <message>
        <location filename="../../desktop/services/club.py" line="68"/>
        <source>на складе пункта</source>
        <translation>in the point&apos;s stock</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="69"/>
        <source>ожидает подтверждения центром</source>
        <translation>awaiting confirmation by the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="70"/>
        <source>активна</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="71"/>
        <source>отклонена</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/club.py" line="201"/>
        <source>нет</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>ClubPage</name>
    <message>
        <location filename="../../ui/pages/club_page.py" line="31"/>
        <source>Отсканируйте клубную карту, затем введите код активации, город и телефон.</source>
        <translation>Scan the club card, then enter the activation code, city and phone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="34"/>
        <source>13 цифр, начинается с 2</source>
        <translation>13 digits, starts with 2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="36"/>
        <source>код с оборота карты</source>
        <translation>code on the back of the card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="38"/>
        <source>если есть на карте</source>
        <translation>if printed on the card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="40"/>
        <source>начните вводить город</source>
        <translation>start typing the city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="41"/>
        <source>начните вводить город и выберите его из списка</source>
        <translation>start typing the city and pick it from the list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="46"/>
        <source>Номер карты:</source>
        <translation>Card number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="47"/>
        <source>Код активации:</source>
        <translation>Activation code:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="48"/>
        <source>Доп. код:</source>
        <translation>Extra code:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="49"/>
        <source>Город:</source>
        <translation>City:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="50"/>
        <source>Телефон клиента:</source>
        <translation>Customer phone:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="60"/>
        <source>Проверить клиента</source>
        <translation>Check customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="61"/>
        <source>Баланс баллов</source>
        <translation>Points balance</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="62"/>
        <source>Продать сертификат</source>
        <translation>Sell a certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="63"/>
        <source>Активировать</source>
        <translation>Activate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="64"/>
        <source>Очистить</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="76"/>
        <source>Карта считана</source>
        <translation>Card read</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="76"/>
        <source>Введите код активации с оборота карты.</source>
        <translation>Enter the activation code from the back of the card.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="97"/>
        <source>✔ Можно выдать карту: {0}, заказ {1}</source>
        <translation>✔ Card may be issued: {0}, order {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="99"/>
        <source>Клиент может получить карту</source>
        <translation>The customer may get a card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="99"/>
        <source>Нажмите F10 — активировать.</source>
        <translation>Press F10 to activate.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="102"/>
        <source>✖ Карту выдать нельзя: {0}</source>
        <translation>✖ No card can be issued: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="103"/>
        <source>Карту выдать нельзя</source>
        <translation>No card can be issued</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="116"/>
        <source>Карта {0} активирована: {1}, {2}</source>
        <translation>Card {0} activated: {1}, {2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/club_page.py" line="118"/>
        <source>+%n баллов</source>
        <translation>
            <numerusform>+%n point</numerusform>
            <numerusform>+%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/club_page.py" line="121"/>
        <source>Начислено %n баллов (подтвердит центр при синхронизации). Клиенту уйдёт SMS.</source>
        <translation>
            <numerusform>%n point credited (the centre confirms on sync). The customer gets an SMS.</numerusform>
            <numerusform>%n points credited (the centre confirms on sync). The customer gets an SMS.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="135"/>
        <source>Чей баланс?</source>
        <translation>Whose balance?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="135"/>
        <source>Отсканируйте клубную карту или введите телефон клиента, затем F3.</source>
        <translation>Scan the club card or enter the customer&apos;s phone, then F3.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="146"/>
        <source>Баллов можно списать: {0}</source>
        <translation>Points that can be spent: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="147"/>
        <source>Подтверждено: {0}, ждут подтверждения: {1}, списано на этом ПК и ещё не подтверждено: {2}.</source>
        <translation>Confirmed: {0}, awaiting confirmation: {1}, spent on this PC and not yet confirmed: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="168"/>
        <source>СДАЧА {0}</source>
        <translation>CHANGE {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="168"/>
        <source>Сертификат продан</source>
        <translation>Certificate sold</translation>
    </message>
    <message>
        <location filename="../../ui/pages/club_page.py" line="120"/>
        <source>Карта активирована</source>
        <translation>Card activated</translation>
    </message>
</context>
<context>
    <name>CounterDocuments</name>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="98"/>
        <source>Не напечатано: {0}</source>
        <translation>Not printed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="99"/>
        <source>Документ сохранён: F11 или «Оборудование → Печатать ещё раз».</source>
        <translation>The document is saved: F11 or “Hardware → Print again”.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="128"/>
        <source>Нечего печатать</source>
        <translation>Nothing to print</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="121"/>
        <location filename="../../ui/hardware/wiring.py" line="128"/>
        <source>Такой документ ещё не формировался.</source>
        <translation>No such document has been made yet.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="94"/>
        <source>Принтера нет — документ на экране: его можно сохранить в PDF или напечатать позже.</source>
        <translation>No printer — the document is on screen: save it as PDF or print it later.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="121"/>
        <source>Нечего показать</source>
        <translation>Nothing to show</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="132"/>
        <source>Отправлено на печать</source>
        <translation>Sent to the printer</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="158"/>
        <source>Показать на экране</source>
        <translation>Show on screen</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="165"/>
        <source>Shift+F11 — показать на экране</source>
        <translation>Shift+F11 — show on screen</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="173"/>
        <source>Печать недоступна</source>
        <translation>Printing unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="174"/>
        <source>Принтеры не настроены в этой программе. Обратитесь к администратору.</source>
        <translation>Printers are not set up in this program. Contact the administrator.</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="113"/>
        <source>Вход не выполнен</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="114"/>
        <source>Смена: —</source>
        <translation>Shift: —</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="105"/>
        <source>ПВЗ {0}</source>
        <translation>Point {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="118"/>
        <source>открыта</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="118"/>
        <source>закрыта</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="119"/>
        <source>Смена: {0}</source>
        <translation>Shift: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="128"/>
        <source>Обновление {0} загружено — установится при следующем запуске</source>
        <translation>Update {0} downloaded — it installs at the next start</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="131"/>
        <source>Обновление {0} не прошло самопроверку — работает прежняя версия</source>
        <translation>Update {0} failed its self-test — the previous version runs</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="145"/>
        <source>Не отправлено: {0}</source>
        <translation>Unsent: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="149"/>
        <source>Синхр.: {0}</source>
        <translation>Synced: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="150"/>
        <source>К разбору: {0}</source>
        <translation>To review: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="157"/>
        <source>● Обновите программу (работа офлайн)</source>
        <translation>● Update the app (offline)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="158"/>
        <source>● Обновите программу (работа офлайн, данные сохраняются)</source>
        <translation>● Update the app (working offline, data kept)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="160"/>
        <source>● Нужна регистрация ПК (офлайн)</source>
        <translation>● Enrol this PC again (offline)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="161"/>
        <source>● Нужна повторная регистрация ПК (работа офлайн)</source>
        <translation>● This PC must be enrolled again (working offline)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="167"/>
        <source>● Синхронизация не запущена</source>
        <translation>● Sync not running</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="168"/>
        <source>Не отправлено: —</source>
        <translation>Unsent: —</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="169"/>
        <source>Синхр.: —</source>
        <translation>Synced: —</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="170"/>
        <source>К разбору: —</source>
        <translation>To review: —</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="175"/>
        <source>● В сети</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="177"/>
        <source>● Подключение…</source>
        <translation>● Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="179"/>
        <source>● Нет связи</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="181"/>
        <source> (обмен…)</source>
        <translation> (syncing…)</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <location filename="../../desktop/translatable.py" line="54"/>
        <source>{0} из {1}</source>
        <translation>{0} of {1}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../ui/crash.py" line="61"/>
        <source>Ошибка программы</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="68"/>
        <source>В программе произошла ошибка. Все сохранённые данные на месте: каждое завершённое действие записано в базу.

Сообщите в поддержку и приложите файл журнала:
{0}

Технически: {1}</source>
        <translation>The program hit an error. All saved data is safe: every completed action is in the database.

Tell support and attach the log file:
{0}

Technical: {1}</translation>
    </message>
</context>
<context>
    <name>CreditAgreementDialog</name>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="24"/>
        <source>Кредитный договор</source>
        <translation>Credit agreement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="27"/>
        <source>Заказ {0} оплачен кредитом банка: деньги не принимаются. Проверьте документ клиента (F6) и подписанный договор.</source>
        <translation>Order {0} is paid by a bank loan: no money is taken. Check the customer&apos;s ID (F6) and the signed agreement.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="30"/>
        <source>штрихкод или номер договора</source>
        <translation>agreement barcode or number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="31"/>
        <source>Клиент подписал договор</source>
        <translation>The customer signed the agreement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="35"/>
        <source>Номер договора:</source>
        <translation>Agreement number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="39"/>
        <source>Записать</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="40"/>
        <source>Отмена</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="61"/>
        <source>Номер договора не распознан: от 6 до 30 букв и цифр, как в договоре.</source>
        <translation>Agreement number not recognised: 6 to 30 letters and digits, as printed on the agreement.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/credit_dialog.py" line="67"/>
        <source>Отметьте, что клиент подписал договор (пробел).</source>
        <translation>Tick that the customer signed the agreement (Space).</translation>
    </message>
</context>
<context>
    <name>DamagedCache</name>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="30"/>
        <source>База данных повреждена</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="31"/>
        <source>Файл базы данных повреждён:
{0}</source>
        <translation>The database file is damaged:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="32"/>
        <source>Что можно сделать:</source>
        <translation>What can be done:</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="34"/>
        <source>• восстановить последнюю исправную резервную копию ({0}); действия после неё вернутся с сервера при синхронизации;</source>
        <translation>• restore the last good backup ({0}); what was done after it comes back from the server when syncing;</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="37"/>
        <source>• загрузить данные заново с сервера.</source>
        <translation>• load the data again from the server.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="38"/>
        <source>В обоих случаях программа сначала сохранит все неотправленные действия, которые удастся прочитать из повреждённого файла, и отправит их на сервер. Повреждённый файл не удаляется: он будет переименован и останется в папке данных.</source>
        <translation>Either way the program first saves every unsent action it can read from the damaged file and sends them to the server. The damaged file is not deleted: it is renamed and stays in the data folder.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="47"/>
        <source>Восстановить из резервной копии</source>
        <translation>Restore from the backup</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="49"/>
        <source>Загрузить заново с сервера</source>
        <translation>Load again from the server</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="51"/>
        <source>Закрыть программу</source>
        <translation>Close the program</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="73"/>
        <source>База данных восстановлена из резервной копии {0}.</source>
        <translation>The database was restored from the backup {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="76"/>
        <source>База данных создана заново; данные загружаются с сервера.</source>
        <translation>The database was created anew; the data is loading from the server.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="77"/>
        <source>Повреждённый файл сохранён как {0}.</source>
        <translation>The damaged file was kept as {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="78"/>
        <source>Неотправленных действий сохранено и поставлено в очередь на отправку: {0}.</source>
        <translation>Unsent actions saved and queued for sending: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="82"/>
        <source>Не удалось прочитать неотправленных действий: {0} ({1}). Их нужно повторить вручную; сообщите администратору, список — в журнале программы.</source>
        <translation>Unsent actions that could not be read: {0} ({1}). They must be done again by hand; tell the administrator, the list is in the program log.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="86"/>
        <source>Очередь неотправленных действий в повреждённом файле не читается совсем: сколько действий не отправлено, узнать нельзя. Сообщите администратору.</source>
        <translation>The queue of unsent actions in the damaged file cannot be read at all: how many actions were not sent cannot be known. Tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged_cache_dialog.py" line="95"/>
        <source>База данных восстановлена</source>
        <translation>The database was recovered</translation>
    </message>
</context>
<context>
    <name>DemoSmsDialog</name>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="146"/>
        <source>Демо: SMS и коды получения</source>
        <translation>Demo: SMS and pickup codes</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="151"/>
        <source>Время</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="151"/>
        <source>Телефон</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="151"/>
        <source>Текст SMS</source>
        <translation>SMS text</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="152"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="152"/>
        <source>Код получения</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="153"/>
        <source>Демо-сервер ещё не отправил ни одного SMS. Они появятся здесь, когда заказ прибудет в пункт (SMS «заказ готов» с кодом получения).</source>
        <translation>The demo server has not sent any SMS yet. They will appear here when an order arrives at the point (the “order ready” SMS with the pickup code).</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="157"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="158"/>
        <source>Коды получения</source>
        <translation>Pickup codes</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="162"/>
        <source>Только для демонстрации: на настоящем сервере SMS уходят покупателю, а коды получения не видны никому.</source>
        <translation>Demo only: on a real server SMS go to the customer and pickup codes are visible to no one.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_sms_dialog.py" line="182"/>
        <source>Заказы, готовые к выдаче в демо-пункте, и их коды получения (назовите код при выдаче).</source>
        <translation>Orders ready for pickup at the demo point and their pickup codes (say the code at handover).</translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="32"/>
        <source>Отправка в сервис: F5 — начать, затем сканируйте этикетки коробок.</source>
        <translation>Dispatch to service: F5 to start, then scan the box labels.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="34"/>
        <source>этикетка коробки: отсканируйте</source>
        <translation>box label: scan it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="37"/>
        <source>Заявка</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="37"/>
        <source>Этикетка</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="37"/>
        <source>Товар</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="37"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="38"/>
        <source>Принят</source>
        <translation>Taken in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="39"/>
        <source>Ждут отправки</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="40"/>
        <source>В этой отправке</source>
        <translation>In this dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="42"/>
        <source>Этикетка:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="51"/>
        <source>В сервис</source>
        <translation>To service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="52"/>
        <source>Отменить</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="53"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="71"/>
        <source>Ждут отправки (%n)</source>
        <translation>
            <numerusform>Waiting to be sent (%n)</numerusform>
            <numerusform>Waiting to be sent (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="74"/>
        <source>В этой отправке (%n)</source>
        <translation>
            <numerusform>In this dispatch (%n)</numerusform>
            <numerusform>In this dispatch (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="78"/>
        <source>Продолжение отправки в сервис</source>
        <translation>Dispatch to service resumed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="79"/>
        <source>Отправка не была закрыта. В ней уже %n изделий. Продолжайте сканировать этикетки.</source>
        <translation>
            <numerusform>The dispatch was not closed. It already holds %n item. Go on scanning the labels.</numerusform>
            <numerusform>The dispatch was not closed. It already holds %n items. Go on scanning the labels.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="84"/>
        <source>Идёт отправка в сервис: сканируйте этикетки коробок. F7 — отменить последнюю, F8 — закрыть и напечатать акт.</source>
        <translation>Dispatch to service in progress: scan the box labels. F7 undoes the last one, F8 closes and prints the act.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="94"/>
        <source>Отправка уже начата</source>
        <translation>The dispatch is already started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="94"/>
        <location filename="../../ui/pages/warranty_dispatch.py" line="102"/>
        <source>Сканируйте этикетки коробок.</source>
        <translation>Scan the box labels.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="102"/>
        <source>Отправка в сервис начата</source>
        <translation>Dispatch to service started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="115"/>
        <source>Отправка не начата</source>
        <translation>No dispatch started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="116"/>
        <source>Нажмите F5, чтобы начать отправку в сервис, и отсканируйте этикетку снова.</source>
        <translation>Press F5 to start a dispatch to service and scan the label again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="123"/>
        <source>Повтор: {0}</source>
        <translation>Repeat: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="124"/>
        <source>Это изделие уже в отправке.</source>
        <translation>This item is already in the dispatch.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="126"/>
        <source>В сервис: {0}</source>
        <translation>To service: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="137"/>
        <source>Отменено: {0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="138"/>
        <source>Изделие осталось на пункте и ждёт отправки.</source>
        <translation>The item stays at the point and waits to be sent.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="152"/>
        <source>Отправка закрыта: %n изделий. Акт отправки сформирован.</source>
        <translation>
            <numerusform>Dispatch closed: %n item. The dispatch act is ready.</numerusform>
            <numerusform>Dispatch closed: %n items. The dispatch act is ready.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="155"/>
        <source>Акт напечатан: передайте его перевозчику вместе с коробками.</source>
        <translation>The act is printed: hand it to the carrier with the boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_dispatch.py" line="156"/>
        <source>F11 — напечатать акт.</source>
        <translation>F11 prints the act.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_dispatch.py" line="157"/>
        <source>Отправка закрыта: %n изделий</source>
        <translation>
            <numerusform>Dispatch closed: %n item</numerusform>
            <numerusform>Dispatch closed: %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../ui/hardware/preview.py" line="43"/>
        <source>Предпросмотр: {0}</source>
        <translation>Preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="63"/>
        <source>Предыдущая страница</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="66"/>
        <source>Следующая страница</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="68"/>
        <source>Уменьшить</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="70"/>
        <source>Увеличить</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="72"/>
        <source>По ширине</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="73"/>
        <source>Страница целиком</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="75"/>
        <source>Печать…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="76"/>
        <source>Сохранить PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="105"/>
        <source>Страница {0} из {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/preview.py" line="116"/>
        <source>Сохранить PDF</source>
        <translation>Save PDF</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../desktop/documents/builders.py" line="35"/>
        <source>выдан полностью</source>
        <translation>handed over in full</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="36"/>
        <source>выдан частично</source>
        <translation>partially handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="37"/>
        <source>клиент отказался от заказа</source>
        <translation>the customer refused the order</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="9"/>
        <source>наличными</source>
        <translation>in cash</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="9"/>
        <source>картой</source>
        <translation>by card</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="40"/>
        <source>истёк срок хранения</source>
        <translation>storage period expired</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="41"/>
        <source>отказ клиента</source>
        <translation>refused by customer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="42"/>
        <source>заказ отменён</source>
        <translation>order cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="43"/>
        <source>частичный отказ клиента</source>
        <translation>partial refusal by the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="48"/>
        <location filename="../../desktop/documents/builders.py" line="140"/>
        <source>Недостача</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="49"/>
        <source>коробки по накладной, которые не поступили</source>
        <translation>boxes on the manifest that did not arrive</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="50"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="53"/>
        <location filename="../../desktop/documents/builders.py" line="141"/>
        <source>Излишки</source>
        <translation>Surplus</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="54"/>
        <source>коробки, которых нет в накладной</source>
        <translation>boxes not on the manifest</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="58"/>
        <source>Чужие коробки</source>
        <translation>Foreign boxes</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="59"/>
        <source>адресованы другому пункту выдачи</source>
        <translation>addressed to another pickup point</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="60"/>
        <source>Пункт назначения</source>
        <translation>Destination point</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="63"/>
        <source>Отменённые заказы</source>
        <translation>Cancelled orders</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="64"/>
        <source>коробки заказов, отменённых до приёмки</source>
        <translation>boxes of orders cancelled before receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="68"/>
        <source>Коробки из другой поставки</source>
        <translation>Boxes from another shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="69"/>
        <source>коробки этого пункта из другой накладной, принятые в этой приёмке</source>
        <translation>boxes of this point from another waybill, received in this session</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="70"/>
        <source>Накладная</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="73"/>
        <source>Приняты на другом рабочем месте</source>
        <translation>Received at another workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="74"/>
        <source>коробки, отсканированные и в этой приёмке, но принятые раньше другой приёмкой (на другом рабочем месте): в этой приёмке не считаются принятыми</source>
        <translation>boxes also scanned in this receiving but received earlier by another receiving (at another workstation): not counted as received here</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="76"/>
        <source>Отметка</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="79"/>
        <source>Повреждения</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="80"/>
        <source>коробки, принятые с повреждениями</source>
        <translation>boxes received damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="81"/>
        <source>Повреждение</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="85"/>
        <source>принята на другом рабочем месте</source>
        <translation>received at another workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="95"/>
        <location filename="../../desktop/documents/claims.py" line="98"/>
        <location filename="../../desktop/documents/claims.py" line="176"/>
        <source>Пункт выдачи {0}</source>
        <translation>Pickup point {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="106"/>
        <source>без накладной</source>
        <translation>without a manifest</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="107"/>
        <source>Акт расхождений по приёмке {0}</source>
        <translation>Receiving discrepancy report {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="109"/>
        <source>Накладная (рейс)</source>
        <translation>Manifest (run)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="109"/>
        <source>нет накладной</source>
        <translation>no manifest</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="110"/>
        <source>Начало приёмки</source>
        <translation>Receiving started</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="111"/>
        <source>Окончание приёмки</source>
        <translation>Receiving finished</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="112"/>
        <source>Принимали</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="114"/>
        <source>Итоги</source>
        <translation>Totals</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="117"/>
        <source>Расхождений нет: все коробки по накладной приняты.</source>
        <translation>No discrepancies: every box on the manifest was received.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="118"/>
        <location filename="../../desktop/documents/claims.py" line="127"/>
        <source>Принял</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="118"/>
        <source>Сдал (водитель)</source>
        <translation>Handed over by (driver)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="138"/>
        <source>Ожидалось</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="139"/>
        <source>Принято</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="142"/>
        <source>Чужие</source>
        <translation>Foreign</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="143"/>
        <source>Отменённые</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="144"/>
        <source>Повреждённые</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="145"/>
        <source>Из другой поставки</source>
        <translation>From another shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="157"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="157"/>
        <location filename="../../desktop/documents/builders.py" line="187"/>
        <location filename="../../desktop/documents/builders.py" line="289"/>
        <location filename="../../desktop/documents/claims.py" line="114"/>
        <location filename="../../desktop/documents/claims.py" line="171"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="167"/>
        <source>Квитанция о выдаче заказа {0}</source>
        <translation>Handover receipt for order {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="170"/>
        <source>Выдано</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="175"/>
        <source>Отказ клиента</source>
        <translation>Refused by the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="179"/>
        <location filename="../../desktop/documents/payment_rows.py" line="22"/>
        <location filename="../../desktop/documents/payment_rows.py" line="25"/>
        <location filename="../../desktop/documents/payment_rows.py" line="27"/>
        <source>Оплата</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="181"/>
        <location filename="../../desktop/documents/builders.py" line="196"/>
        <source>Выдал</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="181"/>
        <source>Получил</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="188"/>
        <source>Результат</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="189"/>
        <source>Получатель</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="192"/>
        <source>Организация</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="194"/>
        <source>Доверенность</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="196"/>
        <location filename="../../desktop/documents/claims.py" line="128"/>
        <source>Дата и время</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="200"/>
        <source> (с/н {0})</source>
        <translation> (s/n {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="215"/>
        <source>Итого выдано</source>
        <translation>Total handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="216"/>
        <location filename="../../desktop/documents/builders.py" line="236"/>
        <source>Артикул</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="216"/>
        <location filename="../../desktop/documents/builders.py" line="236"/>
        <source>Товар</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="221"/>
        <source>Кол-во</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="221"/>
        <source>Цена</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="221"/>
        <source>Сумма</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="237"/>
        <source>Причина отказа</source>
        <translation>Refusal reason</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="243"/>
        <source>Остаётся в пункте: {0}, отложите в возврат (коробка {1}).</source>
        <translation>Stays at the point: {0}, put it aside for the return (box {1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="247"/>
        <source>{0} — {1} шт.</source>
        <translation>{0} — {1} pcs</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="41"/>
        <source>Оплачено при получении</source>
        <translation>Paid on pickup</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="47"/>
        <source>Получено наличными</source>
        <translation>Cash tendered</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="48"/>
        <source>Сдача</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="25"/>
        <source>заказ оплачен заранее</source>
        <translation>order prepaid</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="11"/>
        <source>Наличными</source>
        <translation>In cash</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="12"/>
        <source>Картой</source>
        <translation>By card</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="13"/>
        <source>Баллами</source>
        <translation>With points</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="14"/>
        <source>Подарочным сертификатом {0}</source>
        <translation>With gift certificate {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="22"/>
        <source>кредит банка, договор № {0} подписан клиентом</source>
        <translation>bank loan, agreement No. {0} signed by the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="27"/>
        <source>не требуется</source>
        <translation>not required</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="29"/>
        <source>Вернёт интернет-магазин за отказ</source>
        <translation>Refund by the online shop for the refusal</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="31"/>
        <source>Начислено баллов</source>
        <translation>Bonus points earned</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="35"/>
        <location filename="../../desktop/documents/payment_rows.py" line="33"/>
        <source>Кассовый чек</source>
        <translation>Cash register receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/payment_rows.py" line="33"/>
        <source>ФД № {0}</source>
        <translation>FD No. {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="254"/>
        <source>Акт возврата от {0}</source>
        <translation>Return report of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="256"/>
        <source>Сессия возврата</source>
        <translation>Return session</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="257"/>
        <location filename="../../desktop/documents/claims.py" line="163"/>
        <source>Начало</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="258"/>
        <location filename="../../desktop/documents/claims.py" line="164"/>
        <source>Окончание</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="259"/>
        <source>Заказов</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="149"/>
        <location filename="../../desktop/documents/builders.py" line="260"/>
        <source>Коробок</source>
        <translation>Boxes</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="264"/>
        <source>Возвращаемые заказы</source>
        <translation>Orders returned</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="270"/>
        <source>Отправлены не все коробки заказов: {0}</source>
        <translation>Not every box was sent for orders: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="272"/>
        <location filename="../../desktop/documents/claims.py" line="182"/>
        <source>Сдал</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="272"/>
        <location filename="../../desktop/documents/claims.py" line="182"/>
        <source>Принял (перевозчик)</source>
        <translation>Received by (carrier)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="277"/>
        <source> — не все!</source>
        <translation> — not all!</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="289"/>
        <source>Причина</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="289"/>
        <location filename="../../desktop/documents/claims.py" line="115"/>
        <source>Клиент</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="290"/>
        <source>Коробки</source>
        <translation>Boxes</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="290"/>
        <source>Мест</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="298"/>
        <source>Заказ {0}, товары частичного отказа: {1}.</source>
        <translation>Order {0}, goods of the partial refusal: {1}.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="305"/>
        <source>Отчёт за смену: {0}</source>
        <translation>Shift report: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="307"/>
        <location filename="../../desktop/documents/builders.py" line="317"/>
        <source>Сотрудник</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="308"/>
        <source>Смена</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="310"/>
        <source>Наличные в кассе по смене: {0}</source>
        <translation>Cash in the till for the shift: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="149"/>
        <location filename="../../desktop/documents/builders.py" line="311"/>
        <source>Показатель</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="311"/>
        <source>Значение</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="314"/>
        <source>Итоги смены</source>
        <translation>Shift totals</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="317"/>
        <source>Управляющий</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="326"/>
        <source>смена открыта, данные на {0}</source>
        <translation>shift open, figures as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="334"/>
        <source>Принято коробок</source>
        <translation>Boxes received</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="335"/>
        <source>Размещено</source>
        <translation>Placed</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="336"/>
        <source>Выдано заказов</source>
        <translation>Orders handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="337"/>
        <source>Отказы (позиций)</source>
        <translation>Refused lines</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="338"/>
        <source>Отказы от заказов</source>
        <translation>Refused orders</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="339"/>
        <source>Неверные коды</source>
        <translation>Wrong codes</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="340"/>
        <source>Отмены приёмки</source>
        <translation>Undone receipts</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="341"/>
        <source>Принято наличными</source>
        <translation>Taken in cash</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="342"/>
        <source>Принято картой</source>
        <translation>Taken by card</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="343"/>
        <source>Всего денег</source>
        <translation>Total money</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="344"/>
        <source>Активировано клубных карт</source>
        <translation>Club cards activated</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="345"/>
        <source>Возвращено коробок</source>
        <translation>Boxes returned</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="355"/>
        <source>{0} см</source>
        <translation>{0} cm</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="356"/>
        <source>Если этот текст читается и таблица не обрезана по краям, принтер настроен правильно.</source>
        <translation>If this text is readable and the table is not cut off at the edges, the printer is set up correctly.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="361"/>
        <source>Принтер</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/builders.py" line="361"/>
        <source>Время</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="27"/>
        <source>Акт расхождений</source>
        <translation>Discrepancy report</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="28"/>
        <source>Квитанция о выдаче</source>
        <translation>Handover receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="29"/>
        <source>Акт возврата</source>
        <translation>Return report</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="30"/>
        <source>Отчёт за смену</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="31"/>
        <source>Пробная страница</source>
        <translation>Test page</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="32"/>
        <source>Этикетки</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="33"/>
        <source>Акт приёма изделия по гарантии</source>
        <translation>Warranty intake act</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/model.py" line="34"/>
        <source>Акт отправки в сервис</source>
        <translation>Service dispatch act</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="85"/>
        <source>Акт приёма изделия по гарантии, заявка {0}</source>
        <translation>Warranty intake act, claim {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="86"/>
        <source>Экземпляр пункта выдачи</source>
        <translation>Pickup point&apos;s copy</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="87"/>
        <source>Экземпляр клиента</source>
        <translation>Customer&apos;s copy</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="88"/>
        <source>Когда изделие вернётся из сервиса, вы получите SMS на номер {0} с кодом получения. Заберите изделие в этом пункте выдачи, назовите код и предъявите этот акт.</source>
        <translation>When the item is back from service you will get an SMS at {0} with a pickup code. Collect the item at this pickup point: name the code and show this act.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="106"/>
        <source>Неисправность со слов клиента</source>
        <translation>Fault in the customer&apos;s words</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="108"/>
        <source>Принял (сотрудник)</source>
        <translation>Taken in by (staff)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="108"/>
        <source>Подпись клиента</source>
        <translation>Customer&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="116"/>
        <location filename="../../desktop/documents/claims.py" line="172"/>
        <source>Изделие</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="117"/>
        <source>Серийный номер / IMEI</source>
        <translation>Serial number / IMEI</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="120"/>
        <source>Серийный номер не совпал, разрешил менеджер</source>
        <translation>Serial number did not match, allowed by the manager</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="122"/>
        <source>Гарантия</source>
        <translation>Warranty</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="123"/>
        <source>Комплектность</source>
        <translation>Included</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="124"/>
        <source>Внешний вид</source>
        <translation>Condition</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="125"/>
        <source>Фотографии</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="126"/>
        <source>Этикетка для сервиса</source>
        <translation>Service label</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="136"/>
        <source>закончилась {0}: платный ремонт с согласия клиента</source>
        <translation>ended {0}: paid repair with the customer&apos;s consent</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="137"/>
        <source>до {0} включительно</source>
        <translation>until {0} inclusive</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="143"/>
        <source>ничего</source>
        <translation>nothing</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="146"/>
        <source>нет: {0}</source>
        <translation>missing: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="152"/>
        <source>без видимых повреждений</source>
        <translation>no visible damage</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="160"/>
        <source>Акт отправки в сервис от {0}</source>
        <translation>Service dispatch act of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="162"/>
        <source>Отправка</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="165"/>
        <source>Изделий</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="169"/>
        <source>Заявка</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="170"/>
        <source>Этикетка</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/claims.py" line="173"/>
        <source>Серийный номер</source>
        <translation>Serial number</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="8"/>
        <source>Введите пропуск (или логин) и PIN (или пароль).</source>
        <translation>Enter your badge (or login) and PIN (or password).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="9"/>
        <source>Недостаточно прав: действие «{action}» доступно роли «{required}».</source>
        <translation>Not allowed: the action «{action}» is available to the role «{required}».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="10"/>
        <source>Учётная запись сотрудника отключена. Обратитесь к администратору.</source>
        <translation>This staff account is disabled. Contact your administrator.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="12"/>
        <source>Войдите в систему: действие требует авторизованного сотрудника.</source>
        <translation>Please log in: this action requires a logged-in staff member.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="13"/>
        <source>Смена не открыта. Откройте смену, чтобы работать с заказами.</source>
        <translation>The shift is not open. Open a shift to work with orders.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="14"/>
        <source>Неверный пропуск/логин или PIN/пароль. Проверьте и попробуйте ещё раз.</source>
        <translation>Wrong badge/login or PIN/password. Check and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="15"/>
        <source>Версия программы {version} устарела: сервер требует не ниже {required}. Обновите программу; до обновления работа идёт офлайн, очередь событий сохраняется.</source>
        <translation>Program version {version} is out of date: the server requires at least {required}. Update the program; until then work continues offline and the event queue is kept.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="16"/>
        <source>По адресу {url} отвечает не сервер Pickup Desk: ответ не похож на /v1/health. Проверьте адрес: обычно он выглядит как https://сервер/ без /v1.</source>
        <translation>The address {url} is not a Pickup Desk server: the answer does not look like /v1/health. Check the address: it usually looks like https://server/ without /v1.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="17"/>
        <source>По адресу {url} отвечает не сервер Pickup Desk ({detail}). Проверьте адрес: обычно он выглядит как https://сервер/ без /v1.</source>
        <translation>The address {url} does not answer as a Pickup Desk server ({detail}). Check the address: it usually looks like https://server/ without /v1.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="18"/>
        <source>Сертификат сервера {url} не прошёл проверку ({detail}). Проверьте адрес, дату и время на компьютере или укажите корневой сертификат организации (ca_bundle).</source>
        <translation>The certificate of server {url} failed verification ({detail}). Check the address and the computer&apos;s date and time, or set your organisation&apos;s root certificate (ca_bundle).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="19"/>
        <source>Сервер {url} недоступен ({detail}). Проверьте адрес и подключение к сети.</source>
        <translation>Server {url} is unreachable ({detail}). Check the address and the network connection.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="20"/>
        <source>Коробка {box} уже лежит в ячейке {label}.</source>
        <translation>Box {box} is already in cell {label}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="21"/>
        <source>Коробка {box} не найдена в этом пункте выдачи. Проверьте штрихкод.</source>
        <translation>Box {box} was not found at this pickup point. Check the barcode.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="22"/>
        <source>Коробка {box} не принята (состояние «{status}»). Сначала отсканируйте её в приёмке.</source>
        <translation>Box {box} has not been received (state «{status}»). Scan it in Receiving first.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="23"/>
        <source>Ячейка {cell} ({label}) выведена из работы. Выберите другую ячейку.</source>
        <translation>Cell {cell} ({label}) is out of service. Choose another cell.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="25"/>
        <source>Ячейка {cell} не найдена. Отсканируйте наклейку ячейки ещё раз.</source>
        <translation>Cell {cell} was not found. Scan the cell sticker again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="29"/>
        <source>Неизвестный пункт проверки изделия: «{key}». Обновите программу.</source>
        <translation>Unknown item check: «{key}». Update the program.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="30"/>
        <source>«{number}» — это не номер гарантийной заявки (буква W и 9 или 10 цифр). Проверьте номер.</source>
        <translation>«{number}» is not a warranty claim number (the letter W and 9 or 10 digits). Check the number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="31"/>
        <source>Снимок {index} — не фотография JPEG. Сделайте снимок заново.</source>
        <translation>Photo {index} is not a JPEG photo. Take it again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="32"/>
        <source>«{query}» — это не номер заявки, не номер заказа и не телефон. Введите номер заявки (W и цифры), номер заказа (9 цифр) или телефон клиента (можно с именем).</source>
        <translation>«{query}» is not a claim number, an order number or a phone. Type the claim number (W and digits), the order number (9 digits) or the customer&apos;s phone (a name may follow).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="33"/>
        <source>В заказе {order} несколько товаров: выберите, какой из них сдаёт клиент.</source>
        <translation>Order {order} has several items: choose the one the customer brings.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="34"/>
        <source>Заявка {claim} закрыта: изделие уже выдано клиенту. При новой неисправности оформите новую заявку.</source>
        <translation>Claim {claim} is closed: the item was handed back. For a new fault open a new claim.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="35"/>
        <source>Гарантия на изделие закончилась {ended}. Принять его можно только в платный ремонт — с согласия клиента. Спросите клиента и отметьте согласие.</source>
        <translation>The item&apos;s warranty ended {ended}. It can only be taken in for a paid repair, with the customer&apos;s consent. Ask the customer and tick the consent.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="36"/>
        <source>Изделие с серийным номером {serial} уже сдано по заявке {claim} (состояние: {status}). Повторно принять то же изделие нельзя.</source>
        <translation>The item with serial number {serial} is already taken in under claim {claim} (state: {status}). The same item cannot be taken in again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="37"/>
        <source>Опишите неисправность со слов клиента.</source>
        <translation>Describe the fault in the customer&apos;s words.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="38"/>
        <source>Заявка {claim} оформлена в другой пункт выдачи: изделие по ней принимает тот пункт.</source>
        <translation>Claim {claim} was filed for another pickup point: that point takes the item in.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="39"/>
        <source>Заказ {order} выдан в другом пункте выдачи: гарантийную заявку по нему здесь принять нельзя. Клиент может сдать изделие в пункт, где получил заказ.</source>
        <translation>Order {order} was handed over at another pickup point: no warranty claim for it can be taken here. The customer can bring the item to the point where the order was collected.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="40"/>
        <source>Заявка {claim}: «{step}» невозможно в состоянии «{current}».</source>
        <translation>Claim {claim}: «{step}» is not possible in the state «{current}».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="41"/>
        <source>В заказе {order} нет товара {sku}. Выберите товар из заказа.</source>
        <translation>Order {order} has no item {sku}. Choose an item of the order.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="42"/>
        <source>Заявка {claim} не найдена в этом пункте выдачи. Проверьте номер; если клиент оформил её только что, дождитесь обмена с сервером или примите изделие по номеру заказа.</source>
        <translation>Claim {claim} is not found at this pickup point. Check the number; if the customer filed it just now, wait for the exchange with the server or take the item in by the order number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="43"/>
        <source>Заказ {order} ещё не выдан клиенту (состояние: {status}): по нему нельзя принять изделие по гарантии.</source>
        <translation>Order {order} has not been handed over yet (state: {status}): no warranty intake for it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="44"/>
        <source>Изделие по заявке {claim} ещё не принято в пункте: акта и этикетки у неё нет.</source>
        <translation>The item of claim {claim} has not been taken in here: it has no act and no label.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="45"/>
        <source>Заказ {order} не найден в этом пункте выдачи. Проверьте номер заказа.</source>
        <translation>Order {order} is not found at this pickup point. Check the order number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="46"/>
        <source>Разрешить приём изделия с другим серийным номером может только менеджер этого пункта выдачи (сейчас: {staff}).</source>
        <translation>Only a manager of this pickup point can allow an item with a different serial number (now: {staff}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="47"/>
        <source>Напишите, почему менеджер разрешает приём изделия с другим серийным номером.</source>
        <translation>Write why the manager allows the item with a different serial number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="48"/>
        <source>Снимок {index} слишком большой ({size} МБ, допустимо не больше {limit} МБ). Сделайте снимок заново.</source>
        <translation>Photo {index} is too large ({size} MB, at most {limit} MB). Take it again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="49"/>
        <source>Клиент уже оформил заявку {claim} на изделие с серийным номером {serial}: примите изделие по ней (найдите её по номеру заявки).</source>
        <translation>The customer already filed claim {claim} for the item with serial number {serial}: take the item in under it (find it by the claim number).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="50"/>
        <source>Отсканируйте серийный номер или IMEI изделия (он на корпусе или под батареей).</source>
        <translation>Scan the item&apos;s serial number or IMEI (on the case or under the battery).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="51"/>
        <source>Серийный номер {serial} не совпадает с номером товара в заказе {order} (в заказе: {expected}). Проверьте номер на изделии. Принять изделие с другим номером может только менеджер, с пометкой.</source>
        <translation>Serial number {serial} does not match the item in order {order} (in the order: {expected}). Check the number on the item. Only a manager can allow an item with a different number, with a note.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="52"/>
        <source>Сначала проверьте серийный номер изделия: отсканируйте его.</source>
        <translation>Check the item&apos;s serial number first: scan it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="53"/>
        <source>Серийный номер {serial} не найден среди товаров заказа {order}. Проверьте номер на изделии. Принять изделие с другим номером может только менеджер, с пометкой.</source>
        <translation>Serial number {serial} is not among the items of order {order}. Check the number on the item. Only a manager can take in an item with another number, with a note.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="54"/>
        <source>Слишком длинный текст ({length} симв., допустимо не больше {limit}). Сократите его.</source>
        <translation>The text is too long ({length} characters, at most {limit}). Shorten it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="55"/>
        <source>Слишком много снимков: {count}, допустимо не больше {limit}. Удалите лишние.</source>
        <translation>Too many photos: {count}, at most {limit}. Remove some.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="56"/>
        <source>Номер карты {card} неверен (13 цифр, начинается с 2, контрольная цифра). Отсканируйте карту ещё раз.</source>
        <translation>Card number {card} is invalid (13 digits, starts with 2, check digit). Scan the card again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="57"/>
        <source>Телефон «{phone}» не похож на российский номер. Введите его как +7XXXXXXXXXX.</source>
        <translation>The phone «{phone}» does not look like a Russian number. Enter it as +7XXXXXXXXXX.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="58"/>
        <source>Карта {card} уже активирована ({status}). Выдайте клиенту другую карту.</source>
        <translation>Card {card} is already activated ({status}). Give the customer another card.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="59"/>
        <source>Карты {card} нет среди карт этого пункта выдачи. Возьмите другую карту.</source>
        <translation>Card {card} is not one of this pickup point&apos;s cards. Take another card.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="60"/>
        <source>Карта {card} не ожидает подтверждения (состояние: {status}).</source>
        <translation>Card {card} is not awaiting confirmation (state: {status}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="61"/>
        <source>Активация карты {card} отклонена центром. Отложите карту для менеджера.</source>
        <translation>Activation of card {card} was rejected by the head office. Set the card aside for the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="62"/>
        <source>Карта {card} не выдана клиенту или неизвестна этому пункту. Проверьте номер.</source>
        <translation>Card {card} has not been given to a customer or is unknown at this point. Check the number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="63"/>
        <source>Укажите город клиента: без него карту не активировать.</source>
        <translation>Enter the customer&apos;s city: the card cannot be activated without it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="64"/>
        <source>Клиент с телефоном {phone} не найден в этом пункте выдачи.</source>
        <translation>No customer with phone {phone} at this pickup point.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="65"/>
        <source>Для карты {card} нужен дополнительный код с карты. Введите его.</source>
        <translation>Card {card} needs the additional code printed on the card. Enter it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="66"/>
        <source>Карту выдать нельзя: {reason}</source>
        <translation>The card cannot be issued: {reason}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="70"/>
        <source>клиент с телефоном {phone} уже получал 190 баллов за активацию карты: приветственные баллы начисляются один раз.</source>
        <translation>the customer with phone {phone} has already received 190 points for a card activation: the welcome points are credited only once.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="71"/>
        <source>Города «{city}» нет в списке городов клуба. Выберите город из списка.</source>
        <translation>The city “{city}” is not in the club&apos;s list of cities. Choose a city from the list.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="72"/>
        <source>Код активации карты {card} неверен. Сверьте код на обороте карты.</source>
        <translation>The activation code of card {card} is wrong. Check the code on the back of the card.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="73"/>
        <source>Дополнительный код карты {card} неверен. Сверьте его с картой.</source>
        <translation>The additional code of card {card} is wrong. Check it against the card.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="74"/>
        <source>имя компьютера: от 1 до 64 символов</source>
        <translation>the computer name must be 1 to 64 characters</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="75"/>
        <source>код пункта выдачи — 4 цифры, получено «{text}»</source>
        <translation>the pickup point code is 4 digits, got “{text}”</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="76"/>
        <source>Неверное значение настройки «{key}» в {source}: {detail}.</source>
        <translation>Invalid value of setting «{key}» in {source}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="77"/>
        <source>Файл настроек {source} повреждён: {detail}. Исправьте или удалите файл.</source>
        <translation>The settings file {source} is damaged: {detail}. Fix or delete the file.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="78"/>
        <source>путь не может быть пустым</source>
        <translation>the path must not be empty</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="79"/>
        <source>ожидается true или false, получено {got}</source>
        <translation>true or false expected, got {got}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="80"/>
        <source>ожидается целое число, получено {got}</source>
        <translation>a whole number expected, got {got}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="81"/>
        <source>ожидается строка, получено {got}</source>
        <translation>a text expected, got {got}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="82"/>
        <source>ожидается таблица [{key}]</source>
        <translation>a table [{key}] expected</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="83"/>
        <source>Файл настроек {source} не найден. Проверьте путь в --config.</source>
        <translation>The settings file {source} was not found. Check the path given to --config.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="84"/>
        <source>«{text}» — допустимо: {choices}</source>
        <translation>“{text}” — allowed: {choices}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="85"/>
        <source>«{text}» не похоже на адрес сервера (нужно http://… или https://…)</source>
        <translation>“{text}” does not look like a server address (http://… or https://… expected)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="86"/>
        <source>файл не в кодировке UTF-8</source>
        <translation>the file is not in UTF-8</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="87"/>
        <source>число {value} вне допустимого диапазона {lo}…{hi}</source>
        <translation>the number {value} is outside the allowed range {lo}…{hi}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="88"/>
        <source>переменной окружения {var}</source>
        <translation>the environment variable {var}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="89"/>
        <source>параметре командной строки {flag}</source>
        <translation>the command-line option {flag}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="90"/>
        <source>логическое</source>
        <translation>a boolean</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="91"/>
        <source>таблица</source>
        <translation>a table</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="92"/>
        <source>дробное число</source>
        <translation>a decimal number</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="93"/>
        <source>число</source>
        <translation>a number</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="94"/>
        <source>список</source>
        <translation>a list</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="95"/>
        <source>строка</source>
        <translation>a text</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="96"/>
        <source>Неизвестная настройка «{key}» в {source}. Проверьте написание (допустимые: {allowed}).</source>
        <translation>Unknown setting «{key}» in {source}. Check the spelling (allowed: {allowed}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="97"/>
        <source>Не удалось прочитать файл настроек {source}: {detail}.</source>
        <translation>Could not read the settings file {source}: {detail}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="98"/>
        <source>Файл базы данных {path} повреждён ({detail}).</source>
        <translation>The database file {path} is damaged ({detail}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="99"/>
        <source>Не удалось обновить базу данных ({error}). Восстановлена резервная копия {backup}. Обратитесь в поддержку; данные не потеряны.</source>
        <translation>Could not upgrade the database ({error}). The backup {backup} has been restored. Contact support; no data was lost.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="100"/>
        <source>База данных создана более новой версией программы (ревизия {revision}). Обновите программу.</source>
        <translation>The database was created by a newer version of the program (revision {revision}). Update the program.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="101"/>
        <source>Секретный ключ этого компьютера для базы {path} не найден в хранилище учётных данных Windows: коды получения и PIN-коды в ней проверить нельзя. Обратитесь к администратору — базу нужно пересоздать из данных сервера (снимок) или вернуть прежнюю учётную запись Windows.</source>
        <translation>This PC&apos;s secret key for the database {path} is not in the Windows credential store: the pickup codes and PINs in it cannot be checked. Call your administrator: the database must be rebuilt from the server&apos;s data (snapshot), or the former Windows account restored.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="102"/>
        <source>Этот компьютер не зарегистрирован на сервере {backend}. Запустите программу снова и пройдите регистрацию с кодом от администратора (или pickup-desk --enrol АДРЕС КОД).</source>
        <translation>This computer is not registered with server {backend}. Start the program again and register with the code from your administrator (or pickup-desk --enrol ADDRESS CODE).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="103"/>
        <source>Ошибка: {code}</source>
        <translation>Error: {code}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="104"/>
        <source>Список истекающих заказов бывает только на «сегодня» или «завтра».</source>
        <translation>The list of expiring orders is only available for «today» or «tomorrow».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="105"/>
        <source>Касса ответила непонятно ({detail}). Повторите; если не помогло, перезапустите драйвер АТОЛ.</source>
        <translation>The cash register gave an unreadable answer ({detail}). Try again; if that does not help, restart the ATOL driver.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="106"/>
        <source>Касса занята другой операцией. Подождите несколько секунд и повторите.</source>
        <translation>The cash register is busy with another operation. Wait a few seconds and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="107"/>
        <source>Открыта крышка кассы. Закройте крышку и повторите.</source>
        <translation>The cash register&apos;s cover is open. Close it and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="108"/>
        <source>Касса не подключена к компьютеру или выключена ({detail}). Включите кассу, проверьте кабель и повторите.</source>
        <translation>The cash register is not connected to the PC or is switched off ({detail}). Switch it on, check the cable and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="109"/>
        <source>Проблема с фискальным накопителем кассы ({detail}). Позвоните в сервис кассы; чек сейчас пробить нельзя.</source>
        <translation>The cash register&apos;s fiscal drive has a problem ({detail}). Call the register&apos;s service; no receipt can be printed now.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="110"/>
        <source>В кассе закончилась чековая лента. Вставьте новый рулон и повторите.</source>
        <translation>The cash register is out of receipt paper. Load a new roll and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="111"/>
        <source>Касса отказала: {detail} (код {number}). Повторите; если не помогло, позовите менеджера.</source>
        <translation>The cash register refused: {detail} (code {number}). Try again; if that does not help, call the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="112"/>
        <source>Нет связи с кассой: веб-сервер драйвера ККТ ({url}) не отвечает. Проверьте, что драйвер АТОЛ запущен и касса включена, и повторите.</source>
        <translation>No connection to the cash register: the register driver&apos;s web server ({url}) does not answer. Check that the ATOL driver is running and the register is on, then try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="113"/>
        <source>Смена на кассе не открыта. Откройте смену и повторите.</source>
        <translation>The cash register&apos;s shift is not open. Open the shift and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="114"/>
        <source>Смена на кассе длится больше 24 часов. Закройте смену с Z-отчётом (Смена → Закрыть смену), откройте новую и повторите.</source>
        <translation>The cash register&apos;s shift has lasted over 24 hours. Close the shift with a Z report (Shift → Close shift), open a new one and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="115"/>
        <source>Смена в программе открыта, но касса смену не открыла: {reason} Исправьте и нажмите «Открыть смену на кассе».</source>
        <translation>The shift is open in the app, but the cash register did not open its shift: {reason} Fix it and press «Open the register&apos;s shift».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="116"/>
        <source>Касса не ответила вовремя: чек, возможно, ещё печатается. Нажмите «Повторить» — программа сначала спросит кассу, что она напечатала, и не пробьёт чек второй раз.</source>
        <translation>The cash register did not answer in time: the receipt may still be printing. Press «Retry»: the app first asks the register what it printed and never prints the receipt twice.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="117"/>
        <source>Чек {uuid} не найден.</source>
        <translation>Receipt {uuid} not found.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="118"/>
        <source>Смена в программе закрыта, но Z-отчёт на кассе не напечатан: {reason} Исправьте и нажмите «Z-отчёт на кассе» — смену закрывать заново не нужно.</source>
        <translation>The shift is closed in the app, but the Z report was not printed on the cash register: {reason} Fix it and press «Z report on the register»; there is no need to close the shift again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="119"/>
        <source>Введите сумму больше нуля.</source>
        <translation>Enter an amount greater than zero.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="120"/>
        <source>Код получения — 6 цифр. Попытка не засчитана, введите код ещё раз.</source>
        <translation>The pickup code has 6 digits. This attempt was not counted; enter the code again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="121"/>
        <source>Введите последние 4 цифры номера документа (ровно 4 цифры). Документ не фотографируется.</source>
        <translation>Enter the last 4 digits of the document number (exactly 4 digits). The document is not photographed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="122"/>
        <source>Выберите тип документа из списка: {allowed}.</source>
        <translation>Choose the document type from the list: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="123"/>
        <source>Способ оплаты — наличные или карта.</source>
        <translation>The payment method is cash or card.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="124"/>
        <source>Введите номер доверенности (от 1 до 64 символов).</source>
        <translation>Enter the power of attorney number (1 to 64 characters).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="125"/>
        <source>Выберите причину отказа из списка.</source>
        <translation>Choose a refusal reason from the list.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="126"/>
        <source>Количество отказа должно быть от 0 до {max} шт.</source>
        <translation>The refused quantity must be between 0 and {max} pcs.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="127"/>
        <source>Коробка {box} из другого заказа ({other_order}). Для заказа {order} нужны только его коробки.</source>
        <translation>Box {box} belongs to another order ({other_order}). Order {order} needs only its own boxes.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="128"/>
        <source>Коробка {box} не найдена. Проверьте штрихкод и отсканируйте ещё раз.</source>
        <translation>Box {box} was not found. Check the barcode and scan again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="129"/>
        <source>Отсканированы не все коробки: не хватает {missing} из {total} ({boxes}). Отсканируйте их перед выдачей.</source>
        <translation>Not all boxes have been scanned: {missing} of {total} missing ({boxes}). Scan them before handing over.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="130"/>
        <source>Сумма по карте {tendered} не равна сумме к оплате {due}. Проведите оплату ровно на {due}.</source>
        <translation>The card amount {tendered} is not equal to the amount due {due}. Charge exactly {due}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="131"/>
        <source>Получено {tendered}, к оплате {due}: не хватает {missing}.</source>
        <translation>Received {tendered}, due {due}: {missing} short.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="132"/>
        <source>Неверных кодов получения на этом ПК: {attempts} за {minutes} мин. Поиск только по коду — с разрешения менеджера: пропуск и PIN менеджера. Заказ можно найти и по номеру, QR-коду или телефону.</source>
        <translation>Wrong pickup codes on this PC: {attempts} in {minutes} min. A lookup by code alone needs a manager&apos;s permission: the manager&apos;s badge and PIN. The order can also be found by its number, QR code or phone.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="133"/>
        <source>Для заказа {order} нужна проверка документа: отметьте тип документа и последние 4 цифры номера.</source>
        <translation>Order {order} requires an ID check: mark the document type and the last 4 digits of its number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="134"/>
        <source>Позиции {line} нет в заказе {order}.</source>
        <translation>Line {line} is not in order {order}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="135"/>
        <source>Код получения для заказа {order} ещё не пришёл с сервера. Синхронизируйтесь или проверьте QR-код клиента.</source>
        <translation>The pickup code for order {order} has not arrived from the server yet. Synchronise or check the customer&apos;s QR code.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="136"/>
        <source>Выдача не найдена. Начните выдачу заново по номеру заказа.</source>
        <translation>The handover was not found. Start the handover again by order number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="137"/>
        <source>Выдача заказа {order} уже закрыта ({status}). Начните новую выдачу.</source>
        <translation>The handover of order {order} is already closed ({status}). Start a new handover.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="138"/>
        <source>Заказ {order} не заблокирован — разблокировать нечего.</source>
        <translation>Order {order} is not locked: there is nothing to unlock.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="139"/>
        <source>Заказ {order} нельзя выдать: статус «{status}». Выдаются только заказы, готовые к выдаче.</source>
        <translation>Order {order} cannot be handed over: status «{status}». Only orders ready for pickup are handed over.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="140"/>
        <source>Сначала проверьте код получения или QR-код клиента.</source>
        <translation>Check the pickup code or the customer&apos;s QR code first.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="141"/>
        <source>К оплате ничего нет: заказ оплачен заранее или от всех позиций отказались.</source>
        <translation>Nothing to pay: the order was prepaid or all lines were refused.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="143"/>
        <source>Примите оплату: к оплате {due}.</source>
        <translation>Take the payment: {due} due.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="144"/>
        <source>Заказ юрлица {company}: внесите номер доверенности получателя.</source>
        <translation>Order of company {company}: enter the recipient&apos;s power of attorney number.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="145"/>
        <source>QR-код относится к заказу {token_order}, а выдаётся заказ {order}. Проверьте, тот ли заказ открыт.</source>
        <translation>The QR code belongs to order {token_order}, but order {order} is being handed over. Check that the right order is open.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="146"/>
        <source>Для причины «Другое» опишите причину отказа.</source>
        <translation>For the reason «Other», describe the refusal reason.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="147"/>
        <source>Неверный код получения. Осталось попыток: {attempts_left}. Попросите клиента проверить SMS.</source>
        <translation>Wrong pickup code. Attempts left: {attempts_left}. Ask the customer to check the SMS.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="148"/>
        <source>Число записей журнала должно быть от 1 до {max}.</source>
        <translation>The number of journal entries must be between 1 and {max}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="149"/>
        <source>Начало периода ({since}) позже его конца ({until}). Исправьте даты.</source>
        <translation>The start of the period ({since}) is after its end ({until}). Correct the dates.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="150"/>
        <source>Приёмка {session} не найдена в этом пункте выдачи.</source>
        <translation>Receiving session {session} was not found at this pickup point.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="151"/>
        <source>Приёмка {shipment} ещё не закрыта: акт расхождений появится, когда её закроют.</source>
        <translation>Receiving {shipment} is not closed yet: its discrepancy report appears once it is closed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="152"/>
        <source>Подтвердите, что клиент подписал кредитный договор.</source>
        <translation>Confirm that the customer signed the credit agreement.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="153"/>
        <source>Номер кредитного договора «{agreement}» неверен: от 6 до 30 букв, цифр, «/» или «-».</source>
        <translation>Credit agreement number “{agreement}” is invalid: 6 to 30 letters, digits, “/” or “-”.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="154"/>
        <source>Номер сертификата «{number}» неверен: GC и 12 цифр. Отсканируйте ещё раз.</source>
        <translation>Certificate number “{number}” is invalid: GC and 12 digits. Scan it again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="155"/>
        <source>Номинал {face} не из списка: {allowed}.</source>
        <translation>Face value {face} is not one of: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="156"/>
        <source>PIN-код сертификата — 8 цифр под защитным слоем. Попытка не засчитана.</source>
        <translation>A certificate PIN is the 8 digits under the scratch layer. This attempt was not counted.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="157"/>
        <source>Неизвестный способ оплаты «{kind}». Выберите наличные, карту, баллы или сертификат.</source>
        <translation>Unknown payment method “{kind}”. Choose cash, card, points or certificate.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="158"/>
        <source>Сумма части оплаты должна быть больше нуля (способ: {kind}).</source>
        <translation>Each part of the payment must be above zero (method: {kind}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="159"/>
        <source>Сертификат {number} заблокирован. Оплатить им нельзя; клиенту — в центр.</source>
        <translation>Certificate {number} is blocked. It cannot pay; the customer should contact the retailer.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="160"/>
        <source>Срок действия сертификата {number} истёк {date}. Оплатить им нельзя.</source>
        <translation>Certificate {number} expired on {date}. It cannot pay.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="162"/>
        <source>Сертификат {number} не продан (на складе): оплатить им нельзя.</source>
        <translation>Certificate {number} has not been sold (in stock): it cannot pay.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="163"/>
        <source>На сертификате {number} доступно {available}, указано {amount}.</source>
        <translation>Certificate {number} has {available} available, {amount} entered.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="164"/>
        <source>Сертификат {number} продан, но сервер ещё не подтвердил продажу: оплатить им пока нельзя. Синхронизируйтесь и повторите.</source>
        <translation>Certificate {number} was sold but the server has not confirmed the sale yet: it cannot pay yet. Sync and try again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="165"/>
        <source>Сертификат {certificate} указан дважды. Оставьте одну строку на сертификат.</source>
        <translation>Certificate {certificate} is entered twice. Keep one line per certificate.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="166"/>
        <source>Сертификат {number} полностью использован: остаток 0 ₽.</source>
        <translation>Certificate {number} is fully spent: balance 0 ₽.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="167"/>
        <source>Сертификат {number} не найден. Проверьте номер; если сертификат новый — синхронизируйтесь с сервером.</source>
        <translation>Certificate {number} not found. Check the number; if the certificate is new, sync with the server.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="168"/>
        <source>Кредитный заказ {order}: внесите номер подписанного кредитного договора.</source>
        <translation>Credit order {order}: enter the number of the signed credit agreement.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="169"/>
        <source>Заказ {order} не кредитный: договор не нужен.</source>
        <translation>Order {order} is not a credit order: no agreement is needed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="170"/>
        <source>Сумма к оплате изменилась, пока принималась оплата. Примите оплату заново.</source>
        <translation>The amount due changed while the payment was taken. Take the payment again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="171"/>
        <source>Номинал сертификата {number} — {face}. Продайте его по номиналу.</source>
        <translation>Certificate {number} has a face value of {face}. Sell it at its face value.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="172"/>
        <source>У клиента нет активной клубной карты: оплатить баллами нельзя.</source>
        <translation>The customer has no active club card: points cannot pay.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="173"/>
        <source>Добавьте хотя бы один способ оплаты: к оплате {due}.</source>
        <translation>Add at least one payment method: {due} due.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="174"/>
        <source>Кредитный заказ: оплату не принимаем, подтвердите кредитный договор.</source>
        <translation>Credit order: take no payment, confirm the credit agreement.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="175"/>
        <source>Оплата уже проведена и пробита на кассе. Чтобы изменить её, отмените отказ или позовите менеджера.</source>
        <translation>The payment is already taken and printed by the register. To change it, undo the refusal or call the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="177"/>
        <source>Введите PIN-код сертификата {number}.</source>
        <translation>Enter the PIN of certificate {number}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="178"/>
        <source>Кредитный заказ оплачен банком: на кассе ничего не принимается.</source>
        <translation>A credit order is paid by the bank: nothing is taken at the counter.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="179"/>
        <source>Баллами можно оплатить только целое число рублей.</source>
        <translation>Points pay whole roubles only.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="181"/>
        <source>Баллами можно оплатить не больше {cap} ₽ ({share} % суммы к оплате), указано {points}.</source>
        <translation>Points may pay at most {cap} ₽ ({share} % of the amount due), {points} entered.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="182"/>
        <source>Сертификат оплачивается только наличными или картой.</source>
        <translation>A certificate is paid for with cash or card only.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="183"/>
        <source>Касса уже напечатала чек этой выдачи на {total} (до сбоя). Примите оплату так же, как в напечатанном чеке.</source>
        <translation>The register already printed this handover’s receipt for {total} (before the failure). Take the payment exactly as on the printed receipt.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="184"/>
        <source>Наличные и баллы указываются одной строкой каждый. Объедините суммы.</source>
        <translation>Cash and points take one line each. Combine the amounts.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="185"/>
        <source>Части оплаты дают {total}, а к оплате {due}. Разница: {difference}.</source>
        <translation>The payment parts add up to {total}, {due} is due. Difference: {difference}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="186"/>
        <source>Неверный PIN-код сертификата {number}. Осталось попыток: {attempts_left}.</source>
        <translation>Wrong PIN for certificate {number}. Attempts left: {attempts_left}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="187"/>
        <source>Заказ {order}: переход «{event}» невозможен из состояния «{current}».</source>
        <translation>Order {order}: the transition «{event}» is not possible from state «{current}».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="188"/>
        <source>Заказ {order} не найден в этом пункте выдачи.</source>
        <translation>Order {order} was not found at this pickup point.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="189"/>
        <source>Введите последние 4 цифры телефона клиента (ровно 4 цифры).</source>
        <translation>Enter the last 4 digits of the customer&apos;s phone (exactly 4 digits).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="190"/>
        <source>Код получения — 6 цифр. Попросите клиента продиктовать код из SMS.</source>
        <translation>The pickup code has 6 digits. Ask the customer to read out the code from the SMS.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="191"/>
        <source>Введите номер заказа, телефон, имя клиента или штрихкод коробки.</source>
        <translation>Enter an order number, phone, customer name or box barcode.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="192"/>
        <source>Введите фамилию или имя клиента (хотя бы 2 буквы).</source>
        <translation>Enter the customer&apos;s last or first name (at least 2 letters).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="193"/>
        <source>Пункт выдачи не настроен на этом компьютере. Выполните регистрацию (enrol).</source>
        <translation>The pickup point is not set up on this computer. Register it (enrol).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="194"/>
        <source>Документ «{title}» не напечатан: принтер «{printer}» отказал. Проверьте принтер и нажмите «Печатать ещё раз» — документ сохранён.</source>
        <translation>Document «{title}» was not printed: printer «{printer}» refused it. Check the printer and press «Print again»; the document is saved.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="196"/>
        <source>Принтер «{printer}» для документа «{kind}» не найден — возможно, его отключили или переименовали. Выберите другой принтер в настройках печати и повторите печать.</source>
        <translation>Printer «{printer}» for document «{kind}» was not found; it may have been disconnected or renamed. Choose another printer in the print settings and print again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="197"/>
        <source>Для «{key}» нет сохранённых документов для повторной печати.</source>
        <translation>There are no saved documents of «{key}» to reprint.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="199"/>
        <source>В принтере «{printer}» не настроен размер бумаги {paper}. Выберите этот размер в свойствах принтера (или другой шаблон этикетки) и повторите печать.</source>
        <translation>Printer «{printer}» has no paper size {paper} set up. Choose this size in the printer properties (or another label template) and print again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="200"/>
        <source>QR-код поддельный или повреждён: подпись не сходится. Попросите код из SMS.</source>
        <translation>The QR code is forged or damaged: the signature does not match. Ask for the code from the SMS.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="201"/>
        <source>Срок действия QR-кода заказа {order} истёк. Попросите клиента обновить код в приложении.</source>
        <translation>The QR code of order {order} has expired. Ask the customer to refresh the code in the app.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="202"/>
        <source>QR-код не распознан как код получения заказа. Попросите клиента открыть код заново.</source>
        <translation>The QR code is not recognised as an order pickup code. Ask the customer to open the code again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="203"/>
        <source>Ключ сервера ещё не получен: QR-код проверить нельзя. Синхронизируйтесь или попросите код из SMS.</source>
        <translation>The server key has not been received yet: the QR code cannot be checked. Synchronise or ask for the code from the SMS.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="204"/>
        <source>QR-код выдан для другого пункта выдачи ({point}). Заказ {order} здесь не выдаётся.</source>
        <translation>The QR code was issued for another pickup point ({point}). Order {order} is not handed over here.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="205"/>
        <source>Коробка {box} не найдена среди грузов этого пункта выдачи.</source>
        <translation>Box {box} was not found among this pickup point&apos;s shipments.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="206"/>
        <source>Коробка {box} ещё не принята. Сначала отсканируйте её в приёмке.</source>
        <translation>Box {box} has not been received yet. Scan it in Receiving first.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="207"/>
        <source>Приёмка уже закрыта ({closed_at}): сканировать в неё нельзя. Откройте новую приёмку без накладной.</source>
        <translation>Receiving is already closed ({closed_at}): no more scans into it. Open a new receiving without a waybill.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="208"/>
        <source>без накладной</source>
        <translation>without a waybill</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="209"/>
        <source>Это не штрихкод коробки ({kind}). Отсканируйте наклейку на коробке.</source>
        <translation>This is not a box barcode ({kind}). Scan the sticker on the box.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="210"/>
        <source>Опишите повреждение коробки (например, «вмятина, порван скотч»).</source>
        <translation>Describe the damage to the box (for example, «dent, torn tape»).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="212"/>
        <source>Отменять нечего: в этой приёмке нет отсканированных коробок.</source>
        <translation>Nothing to undo: no boxes have been scanned in this receiving.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="213"/>
        <source>Коробка {box} (заказ {order}) принята на другом рабочем месте раньше, чем в приёмке {shipment} от {opened_at}, а акт этой приёмки уже закрыт и считает её принятой в ней. Коробка в пункте выдачи; исправьте акт вручную.</source>
        <translation>Box {box} (order {order}) was received at another workstation before the receiving {shipment} of {opened_at}, whose act is already closed and counts it as received there. The box is at the pickup point; correct the act by hand.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="214"/>
        <source>Приёмка не найдена. Откройте приёмку заново.</source>
        <translation>Receiving was not found. Open the receiving again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="215"/>
        <source>Поставка {shipment} уже принята. Опоздавшие коробки примите без накладной.</source>
        <translation>Shipment {shipment} has already been received. Receive late boxes without a waybill.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="216"/>
        <source>Поставка {shipment} не найдена в этом пункте выдачи. Проверьте номер или примите коробки без накладной.</source>
        <translation>Shipment {shipment} was not found at this pickup point. Check the number or receive the boxes without a waybill.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="217"/>
        <source>Коробку {box} уже разместили в ячейке — отмена невозможна. Если коробка не та, сообщите менеджеру.</source>
        <translation>Box {box} has already been placed in a cell: undo is not possible. If it is the wrong box, tell the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="218"/>
        <source>Коробка {box} выдана клиенту вместе с заказом {order}. В возврат сканируйте коробку из списка «К возврату».</source>
        <translation>Box {box} was handed to the customer with order {order}. Scan the box from the «To return» list into the return.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="219"/>
        <source>Коробка {box} уже внесена в другой возврат.</source>
        <translation>Box {box} is already in another return.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="220"/>
        <source>Коробка {box} не числится принятой в пункте. Сначала примите её.</source>
        <translation>Box {box} is not recorded as received at this point. Receive it first.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="221"/>
        <source>Коробка {box} относится к другому пункту выдачи. Отложите её для менеджера.</source>
        <translation>Box {box} belongs to another pickup point. Set it aside for the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="222"/>
        <source>Заказ {order} ещё хранится до {until}: возвращать его раньше срока нельзя. Положите коробку обратно в ячейку.</source>
        <translation>Order {order} is still stored until {until}: it cannot be returned before then. Put the box back in its cell.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="223"/>
        <source>Заказ {order} (состояние «{status}») не подлежит возврату. Положите коробку на место.</source>
        <translation>Order {order} (state «{status}») cannot be returned. Put the box back.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="224"/>
        <source>Сессия возврата {session} уже закрыта. Откройте новую сессию возврата.</source>
        <translation>Return session {session} is already closed. Open a new return session.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="225"/>
        <source>Сессия возврата {session} не найдена. Откройте новую сессию возврата.</source>
        <translation>Return session {session} was not found. Open a new return session.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="226"/>
        <source>Коробка {box} не найдена в базе пункта. Проверьте штрихкод и отложите коробку.</source>
        <translation>Box {box} was not found in the point&apos;s database. Check the barcode and set the box aside.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="227"/>
        <source>Сигнал №{alert} не найден или уже закрыт.</source>
        <translation>Alert #{alert} was not found or is already closed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="228"/>
        <source>Событие {event} не найдено или не требует разбора.</source>
        <translation>Event {event} was not found or needs no review.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="229"/>
        <source>Номер клубной карты {sample} считан с ошибкой: не сходится контрольная цифра. Отсканируйте карту ещё раз или введите номер вручную.</source>
        <translation>Club card number {sample} was misread: the check digit does not match. Scan the card again or enter the number by hand.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="230"/>
        <source>Сканер ничего не передал. Отсканируйте штрихкод ещё раз.</source>
        <translation>The scanner sent nothing. Scan the barcode again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="231"/>
        <source>Считано слишком много символов ({length}, допустимо не больше {limit}). Похоже, отсканировано несколько кодов подряд — отсканируйте один код ещё раз.</source>
        <translation>Too many characters read ({length}, at most {limit} allowed). Several codes seem to have been scanned in a row; scan one code again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="232"/>
        <source>Код «{sample}» не распознан: это не заказ, не коробка, не ячейка, не клубная карта, не бейдж, не код получения, не накладная, не заявка и не сертификат. Проверьте, тот ли штрихкод отсканирован.</source>
        <translation>Code “{sample}” not recognised: it is not an order, box, cell, club card, badge, pickup code, waybill, claim or certificate. Check that the right barcode was scanned.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="233"/>
        <source>события пакета идут не по порядку</source>
        <translation>the events of the batch are out of order</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="234"/>
        <source>слишком много событий в одном запросе</source>
        <translation>too many events in one request</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="235"/>
        <source>устройство не найдено</source>
        <translation>device not found</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="236"/>
        <source>срок действия кода регистрации истёк, запросите новый</source>
        <translation>the enrolment code has expired, request a new one</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="237"/>
        <source>код регистрации неверен или уже использован</source>
        <translation>the enrolment code is wrong or already used</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="238"/>
        <source>запрос не прошёл проверку сервера</source>
        <translation>the request did not pass the server&apos;s checks</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="239"/>
        <source>сервер не поддерживает этот запрос</source>
        <translation>the server does not support this request</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="240"/>
        <source>адрес не найден на сервере</source>
        <translation>the address was not found on the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="241"/>
        <source>пункт выдачи не найден</source>
        <translation>pickup point not found</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="242"/>
        <source>причина не распознана этой версией программы</source>
        <translation>a reason this version of the program does not recognise</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="249"/>
        <source>Смена уже открыта (с {opened_at}). Продолжайте работу в ней или закройте её.</source>
        <translation>The shift is already open (since {opened_at}). Continue working in it or close it.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="250"/>
        <source>Открытой смены нет. Откройте смену.</source>
        <translation>No shift is open. Open a shift.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="252"/>
        <source>SMS по заказу {order} отправить нельзя: заказ в состоянии «{status}», а не «готов к выдаче».</source>
        <translation>The SMS for order {order} cannot be sent: the order is in state «{status}», not «ready for pickup».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="254"/>
        <source>SMS по заказу {order} уже отправлялось недавно. Повторить можно после {next_at}.</source>
        <translation>An SMS for order {order} was sent recently. It can be repeated after {next_at}.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="255"/>
        <source>Хранение заказа {order} уже продлевалось (на {days} дн.). Повторное продление не допускается.</source>
        <translation>Storage of order {order} has already been extended (by {days} days). It cannot be extended again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="7"/>
        <source>Заказ {order} заблокирован: {attempts:n} неверных кодов получения подряд.</source>
        <translation>
            <numerusform>Order {order} locked: {attempts:n} wrong pickup code in a row.</numerusform>
            <numerusform>Order {order} locked: {attempts:n} wrong pickup codes in a row.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="2"/>
        <source>Смена №{shift} не найдена.</source>
        <translation>Shift No. {shift} not found.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="6"/>
        <source>Подбор кодов получения на этом ПК: неверных кодов — {attempts} за {minutes} мин (сотрудник {staff}). Поиск по коду ждёт разрешения менеджера.</source>
        <translation>Pickup codes guessed on this PC: {attempts} wrong codes in {minutes} min (staff member {staff}). The lookup by code waits for a manager&apos;s permission.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="11"/>
        <source>Учётная запись заблокирована после {attempts:n} неудачных попыток входа до {until}. Подождите или обратитесь к администратору.</source>
        <translation>
            <numerusform>The account is locked after {attempts:n} failed login attempt until {until}. Wait or contact your administrator.</numerusform>
            <numerusform>The account is locked after {attempts:n} failed login attempts until {until}. Wait or contact your administrator.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="26"/>
        <source>Ячейка {label} переполнена: в ней теперь {occupied:n} коробок при вместимости {capacity}. Переложите коробку, когда освободится место.</source>
        <translation>
            <numerusform>Cell {label} is overfull: it now holds {occupied:n} box for a capacity of {capacity}. Move the box when room frees up.</numerusform>
            <numerusform>Cell {label} is overfull: it now holds {occupied:n} boxes for a capacity of {capacity}. Move the box when room frees up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="142"/>
        <source>Заказ {order} заблокирован после {attempts:n} неверных кодов. Позовите менеджера для разблокировки.</source>
        <translation>
            <numerusform>Order {order} is locked after {attempts:n} wrong code. Call the manager to unlock it.</numerusform>
            <numerusform>Order {order} is locked after {attempts:n} wrong codes. Call the manager to unlock it.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="161"/>
        <source>Сертификат {number} нельзя продать: его состояние — «{status}».</source>
        <translation>Certificate {number} cannot be sold: it is “{status}”.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="176"/>
        <source>Сертификат {number}: {attempts:n} неверных PIN-кодов за {minutes} мин. Повторите через {minutes} мин. или позовите менеджера.</source>
        <translation>
            <numerusform>Certificate {number}: {attempts:n} wrong PIN in {minutes} min. Try again in {minutes} min or call the manager.</numerusform>
            <numerusform>Certificate {number}: {attempts:n} wrong PINs in {minutes} min. Try again in {minutes} min or call the manager.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="180"/>
        <source>На бонусном счёте доступно баллов: {available}, указано: {points}. Уменьшите оплату баллами.</source>
        <translation>Points available on the bonus account: {available}, entered: {points}. Reduce the payment with points.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="195"/>
        <source>В системе не установлен ни один принтер. Подключите принтер и установите его. {steps} Затем повторите печать.</source>
        <translation>No printer is installed. Connect a printer and install it. {steps} Then print again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="198"/>
        <source>Принтер «{printer}» не готов (отключён, нет бумаги, открыта крышка или остановлена очередь печати). Проверьте принтер и очередь. {steps} Затем нажмите «Печатать ещё раз».</source>
        <translation>Printer «{printer}» is not ready (off, out of paper, cover open or its print queue stopped). Check the printer and the queue. {steps} Then press «Print again».</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="211"/>
        <source>Слишком длинное описание повреждения: не больше {limit:n} символов.</source>
        <translation>
            <numerusform>The damage description is too long: at most {limit:n} character.</numerusform>
            <numerusform>The damage description is too long: at most {limit:n} characters.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="243"/>
        <source>«{label}» — это не этикетка изделия для сервиса (SL и номер заявки). Отсканируйте этикетку на коробке изделия.</source>
        <translation>«{label}» is not a service label (SL and the claim number). Scan the label on the item&apos;s box.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="244"/>
        <source>Изделие по заявке {claim} уже отсканировано в другой отправке в сервис.</source>
        <translation>The item of claim {claim} is already scanned into another dispatch to service.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="245"/>
        <source>В этой отправке нечего отменять: ни одно изделие ещё не отсканировано.</source>
        <translation>Nothing to undo in this dispatch: no item has been scanned yet.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="246"/>
        <source>Отправка в сервис {session} уже закрыта. Начните новую отправку.</source>
        <translation>Dispatch to service {session} is already closed. Start a new dispatch.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="247"/>
        <source>Отправка в сервис {session} не найдена. Начните отправку заново.</source>
        <translation>Dispatch to service {session} is not found. Start the dispatch again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="248"/>
        <source>Этикетка {label} не найдена: в этом пункте нет принятого изделия с такой этикеткой. Проверьте коробку.</source>
        <translation>Label {label} is not found: no item taken in at this point has this label. Check the box.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="251"/>
        <source>Смену нельзя закрыть: не закончены приёмка, возврат или отправка в сервис ({sessions}). Закройте их с актом или передайте следующей смене.</source>
        <translation>The shift cannot be closed: receiving, a return or a service dispatch is not finished ({sessions}). Close them with their acts or hand them over to the next shift.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="253"/>
        <source>По заказу {order} сегодня уже {count:n} повторных SMS — это предел. Следующую отправку можно сделать после {next_at}.</source>
        <translation>
            <numerusform>Order {order} has already had {count:n} repeat SMS today; that is the limit. The next one can be sent after {next_at}.</numerusform>
            <numerusform>Order {order} has already had {count:n} repeat SMS messages today; that is the limit. The next one can be sent after {next_at}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="256"/>
        <source>Продлить хранение можно на 1–{max:n} дней, а не на {days}.</source>
        <translation>
            <numerusform>Storage can be extended by 1–{max:n} day, not by {days}.</numerusform>
            <numerusform>Storage can be extended by 1–{max:n} days, not by {days}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="257"/>
        <source>Заказ {order} не ожидает выдачи (состояние «{status}»): продлевать нечего.</source>
        <translation>Order {order} is not awaiting pickup (state «{status}»): there is nothing to extend.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="258"/>
        <source>Часть мест заказа {order} уже отсканирована в возврат: продление невозможно.</source>
        <translation>Some boxes of order {order} have already been scanned into a return: extension is not possible.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="259"/>
        <source>Адрес сервера указан неверно: «{url}». Пример: https://pvz.example.ru</source>
        <translation>The server address is wrong: «{url}». Example: https://pvz.example.ru</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="260"/>
        <source>Срок действия кода регистрации истёк. Попросите новый код у администратора.</source>
        <translation>The registration code has expired. Ask your administrator for a new code.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="261"/>
        <source>Код регистрации неверен или уже использован. Попросите новый код у администратора.</source>
        <translation>The registration code is wrong or already used. Ask your administrator for a new code.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="262"/>
        <source>Сервер отклонил регистрацию: {detail}</source>
        <translation>The server refused the registration: {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="263"/>
        <source>Заказ {order} был отменён, но выдан клиенту. Свяжитесь с клиентом и оформите возврат товара или оплату.</source>
        <translation>Order {order} was cancelled but handed over to the customer. Contact the customer and arrange a return of the goods or the payment.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="264"/>
        <source>Заказ {order}: сервер отметил его для разбора. Свяжитесь с центром.</source>
        <translation>Order {order}: the server flagged it for review. Contact the central office.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="265"/>
        <source>Внутренняя ошибка синхронизации; сведения записаны в журнал программы.</source>
        <translation>Internal sync error; the details are in the program log.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="266"/>
        <source>Компьютер не зарегистрирован на сервере или доступ отозван. Нужна повторная регистрация (код от администратора).</source>
        <translation>This computer is not enrolled on the server or its access was revoked. Enrol it again (code from the administrator).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="267"/>
        <source>Адрес сервера указан неверно. Пример: https://pvz.example.ru</source>
        <translation>The server address is wrong. Example: https://pvz.example.ru</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="268"/>
        <source>Сервер ответил не в формате Pickup Desk. Проверьте адрес.</source>
        <translation>The server did not answer in the Pickup Desk format. Check the address.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="269"/>
        <source>Журнал изменений устарел; загружаем полную копию данных.</source>
        <translation>The change log has expired; loading a full copy of the data.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="270"/>
        <source>По этому адресу нет сервера Pickup Desk (HTTP 404). Проверьте адрес.</source>
        <translation>There is no Pickup Desk server at this address (HTTP 404). Check the address.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="271"/>
        <source>По этому адресу отвечает не сервер Pickup Desk. Проверьте адрес.</source>
        <translation>The server at this address is not a Pickup Desk server. Check the address.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="272"/>
        <source>Нет связи с сервером. Работаем без связи; данные сохранены.</source>
        <translation>No connection to the server. Working offline; the data is saved.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="273"/>
        <source>Сервер отклонил запрос (HTTP {status}): {reason}</source>
        <translation>The server refused the request (HTTP {status}): {reason}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="274"/>
        <source>Сервер временно недоступен (HTTP {status}). Повторим позже.</source>
        <translation>The server is temporarily unavailable (HTTP {status}). Will retry later.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="275"/>
        <source>Сервер не ответил вовремя. Работаем без связи; данные сохранены.</source>
        <translation>The server did not answer in time. Working offline; the data is saved.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="276"/>
        <source>Сертификат сервера не прошёл проверку (TLS). Проверьте адрес сервера или укажите файл сертификатов организации.</source>
        <translation>The server certificate failed verification (TLS). Check the server address or set your organisation&apos;s certificate file.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="277"/>
        <source>Версия программы устарела для сервера. Обновите программу; работа без связи продолжается, данные сохранены.</source>
        <translation>This program version is too old for the server. Update the program; offline work continues, the data is saved.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="278"/>
        <source>По адресу {url} работает не сервер Pickup Desk. Проверьте адрес.</source>
        <translation>The address {url} is not a Pickup Desk server. Check the address.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="279"/>
        <source>{type} ({verdict}): {reason}. Проверьте и решите вручную.</source>
        <translation>{type} ({verdict}): {reason}. Check and resolve it manually.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="280"/>
        <source>баллы за активацию уже начислены</source>
        <translation>the activation points are already credited</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="281"/>
        <source>оплата не сходится с суммой к оплате или нарушает правила оплаты ({detail})</source>
        <translation>the payment does not match the amount due or breaks the payment rules ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="282"/>
        <source>баллы уже начислены</source>
        <translation>the points are already credited</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="283"/>
        <source>коробка уже принята</source>
        <translation>the box is already received</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="284"/>
        <source>коробка уже не на хранении (состояние: {detail})</source>
        <translation>the box is no longer in storage (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="285"/>
        <source>коробка не была принята</source>
        <translation>the box was not received</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="286"/>
        <source>коробка {detail} принадлежит другому заказу</source>
        <translation>box {detail} belongs to another order</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="287"/>
        <source>карта уже активирована</source>
        <translation>the card is already activated</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="288"/>
        <source>сертификат заблокирован</source>
        <translation>the certificate is blocked</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="289"/>
        <source>срок действия сертификата истёк</source>
        <translation>the certificate has expired</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="290"/>
        <source>недопустимый номинал сертификата ({detail} коп.)</source>
        <translation>invalid certificate face value ({detail} kopecks)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="291"/>
        <source>номинал сертификата другой ({detail} коп.)</source>
        <translation>the certificate has another face value ({detail} kopecks)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="292"/>
        <source>сертификат не активен (состояние: {detail})</source>
        <translation>the certificate is not active (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="293"/>
        <source>сертификат уже не на складе (состояние: {detail}) — возможно, продан на другом компьютере</source>
        <translation>the certificate is no longer in stock (state: {detail}) — perhaps sold at another PC</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="294"/>
        <source>на сертификате не хватило денег: остаток и к списанию {detail} коп. — сертификат уже потрачен на другом компьютере</source>
        <translation>not enough on the certificate: balance and amount {detail} kopecks — already spent at another PC</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="295"/>
        <source>продажа сертификата уже записана</source>
        <translation>the certificate sale is already recorded</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="296"/>
        <source>изделие по заявке уже отправлено в сервис {detail}</source>
        <translation>the item of the claim has already been sent to service {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="297"/>
        <source>неизвестный пункт проверки изделия {detail}</source>
        <translation>unknown item check {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="298"/>
        <source>неверный номер гарантийной заявки {detail}</source>
        <translation>invalid warranty claim number {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="299"/>
        <source>гарантийная заявка уже закрыта {detail}</source>
        <translation>the warranty claim is already closed {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="300"/>
        <source>изделие уже сдано по другой открытой заявке {detail}</source>
        <translation>the item is already in under another open claim {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="301"/>
        <source>гарантийная заявка по заказу другого пункта выдачи {detail}</source>
        <translation>a warranty claim for another pickup point&apos;s order {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="302"/>
        <source>шаг невозможен в текущем состоянии гарантийной заявки {detail}</source>
        <translation>the step is not possible in the warranty claim&apos;s current status {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="303"/>
        <source>этикетка изделия не та, что выдана при приёме {detail}</source>
        <translation>the item&apos;s label is not the one given at intake {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="304"/>
        <source>заказ не выдан клиенту или в нём нет такого товара {detail}</source>
        <translation>the order was not handed over or has no such item {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="305"/>
        <source>приём с другим серийным номером разрешил не менеджер этого пункта {detail}</source>
        <translation>the different serial number was allowed by someone who is not a manager of this point {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="306"/>
        <source>серийный номер изделия не совпадает с товаром заказа {detail}</source>
        <translation>the item&apos;s serial number does not match the order&apos;s item {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="307"/>
        <source>гарантийная заявка неизвестна серверу {detail}</source>
        <translation>the server does not know the warranty claim {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="308"/>
        <source>по расчёту сервера гарантия уже закончилась, возможен только платный ремонт {detail}</source>
        <translation>by the server&apos;s date the warranty has ended: paid repair only {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="309"/>
        <source>кредитный заказ выдан без номера подписанного кредитного договора</source>
        <translation>a credit order handed over without the signed credit agreement&apos;s number</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="310"/>
        <source>клиент с этим телефоном неизвестен центру</source>
        <translation>the head office does not know a customer with this phone</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="311"/>
        <location filename="../../build/lupdate/domain_messages.py" line="312"/>
        <source>номер события уже занят другим событием</source>
        <translation>the event id is already taken by another event</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="313"/>
        <source>коробка {detail} относится к другому пункту выдачи</source>
        <translation>box {detail} belongs to another pickup point</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="314"/>
        <source>карта {detail} относится к другому пункту выдачи</source>
        <translation>card {detail} belongs to another pickup point</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="315"/>
        <source>заказ {detail} относится к другому пункту выдачи</source>
        <translation>order {detail} belongs to another pickup point</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="316"/>
        <source>выдача уже записана</source>
        <translation>the handover is already recorded</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="317"/>
        <source>выдача, к которой относится оплата, не записана на сервере</source>
        <translation>the handover this payment belongs to is not recorded on the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="318"/>
        <source>внутренняя ошибка сервера</source>
        <translation>internal server error</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="319"/>
        <source>неверная сумма ({detail} коп.)</source>
        <translation>invalid amount ({detail} kopecks)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="320"/>
        <source>неверный срок продления хранения</source>
        <translation>invalid storage extension</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="321"/>
        <source>данные события не прошли проверку сервера</source>
        <translation>the event data did not pass the server&apos;s checks</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="322"/>
        <source>неверное число баллов ({detail})</source>
        <translation>invalid number of points ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="323"/>
        <source>неверный итог выдачи ({detail})</source>
        <translation>invalid handover result ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="324"/>
        <source>неверный запрос SMS ({detail})</source>
        <translation>invalid SMS request ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="325"/>
        <source>у клиента нет активной клубной карты ({detail})</source>
        <translation>the customer has no active club card ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="326"/>
        <source>у клиента нет заказа на сумму от 5 000 ₽</source>
        <translation>the customer has no order of 5,000 ₽ or more</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="327"/>
        <source>причина не указана</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="328"/>
        <source>число в поле «{detail}» слишком велико для сервера</source>
        <translation>the number in the field «{detail}» is too large for the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="329"/>
        <source>заказ уже поступил</source>
        <translation>the order has already arrived</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="330"/>
        <source>заказ уже закрыт (состояние: {detail})</source>
        <translation>the order is already closed (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="331"/>
        <source>заказ уже возвращён</source>
        <translation>the order is already returned</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="332"/>
        <source>заказ отменён центром</source>
        <translation>the order was cancelled by the central office</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="333"/>
        <source>заказ уже выдан клиенту</source>
        <translation>the order is already handed over to the customer</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="334"/>
        <source>заказ не выдан (состояние: {detail})</source>
        <translation>the order is not handed over (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="335"/>
        <source>заказ уже не на хранении (состояние: {detail})</source>
        <translation>the order is no longer in storage (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="336"/>
        <source>заказ не готов к выдаче (состояние: {detail})</source>
        <translation>the order is not ready for pickup (state: {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="337"/>
        <source>данные события больше, чем сервер принимает (1 МБ)</source>
        <translation>the event&apos;s data is larger than the server accepts (1 MB)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="338"/>
        <source>у клиента с этим телефоном уже есть активная карта {detail}</source>
        <translation>the customer with this phone already has an active card {detail}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="339"/>
        <source>баллов больше, чем рублей оплачено за выданные товары ({detail})</source>
        <translation>more points than roubles paid for the goods handed over ({detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="340"/>
        <source>баллов на счёте не хватило: на счёте и к списанию {detail} — баллы уже потрачены на другом компьютере</source>
        <translation>not enough points: balance and points spent {detail} — already spent at another PC</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="341"/>
        <source>списание уже записано</source>
        <translation>the redemption is already recorded</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="342"/>
        <source>списание не совпадает с оплатой, записанной при выдаче</source>
        <translation>the redemption does not match the payment recorded with the handover</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="343"/>
        <source>сервер не принял событие (HTTP {detail})</source>
        <translation>the server did not accept the event (HTTP {detail})</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="344"/>
        <source>событие записано более новой версией программы</source>
        <translation>the event was written by a newer version of the program</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="345"/>
        <source>сервер не смог обработать событие (HTTP {detail}), остальные события отправлены</source>
        <translation>the server could not process the event (HTTP {detail}); the other events were sent</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="346"/>
        <source>по этому заказу сегодня уже отправлено предельное число SMS (3 в день)</source>
        <translation>this order has already had the most SMS allowed today (3 a day)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="347"/>
        <source>SMS по этому заказу уже отправлялось менее 10 минут назад</source>
        <translation>an SMS for this order was sent less than 10 minutes ago</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="348"/>
        <source>в поле «{detail}» недопустимый символ (нулевой байт)</source>
        <translation>the field «{detail}» holds a forbidden character (a NUL byte)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="349"/>
        <source>текст в поле «{detail}» длиннее, чем сервер может сохранить</source>
        <translation>the text in the field «{detail}» is longer than the server can store</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="350"/>
        <source>причина не распознана этой версией программы (подробности в журнале программы)</source>
        <translation>a reason this version of the program does not recognise (details in the program log)</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="351"/>
        <source>коробка {detail} неизвестна серверу</source>
        <translation>box {detail} is unknown to the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="352"/>
        <source>карта {detail} неизвестна серверу</source>
        <translation>card {detail} is unknown to the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="353"/>
        <source>ячейка {detail} неизвестна серверу</source>
        <translation>cell {detail} is unknown to the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="354"/>
        <source>сертификат {detail} неизвестен серверу</source>
        <translation>certificate {detail} is unknown to the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="355"/>
        <source>города клиента нет в списке городов клуба</source>
        <translation>the customer&apos;s city is not in the club&apos;s list of cities</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="356"/>
        <source>заказ {detail} неизвестен серверу</source>
        <translation>order {detail} is unknown to the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="357"/>
        <source>сервер не смог сохранить значение события</source>
        <translation>the server could not store a value of the event</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="358"/>
        <source>Ничего делать не нужно: сервер уже знает об этом (например, с другого компьютера). Отметьте «Разобрано».</source>
        <translation>Nothing to do: the server already has this (from another PC, for example). Mark it «Reviewed».</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="359"/>
        <source>Сервер не принял данные события. Повторите действие, проверив введённое; если повторяется — обновите программу и сообщите в поддержку код события.</source>
        <translation>The server did not accept the event&apos;s data. Repeat the action checking what was entered; if it happens again, update the program and give support the event code.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="360"/>
        <source>Сверьте номер с накладной и с коробкой. Если он верный — данные пункта и центра расходятся: сообщите в центр код события и не повторяйте действие.</source>
        <translation>Check the number against the waybill and the box. If it is right, the point&apos;s and the centre&apos;s data differ: give the centre the event code and do not repeat the action.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="361"/>
        <source>Сервер не принял шаг гарантийной заявки. Найдите заявку на странице «Гарантия», сверьте изделие, серийный номер и заказ; изделие держите в пункте и решите вопрос с центром.</source>
        <translation>The server did not accept a step of a warranty claim. Find the claim on the «Warranty» page, check the item, the serial number and the order; keep the item at the point and settle it with the centre.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="362"/>
        <source>Сервер не подтвердил операцию клуба: баллы или карта не засчитаны. Объясните клиенту причину; при споре — обращение в центр.</source>
        <translation>The server did not confirm the club operation: the points or the card do not count. Explain the reason to the customer; if disputed, contact the centre.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="363"/>
        <source>Сервер не принял оплату баллами или сертификатом (или её запись): клиент уже ушёл с товаром. Сверьте чек и оплату; недостающую сумму решите с клиентом и центром. Списание, которое сервер не принял, на этом компьютере снято.</source>
        <translation>The server did not accept the payment with points or a certificate (or its record): the customer has left with the goods. Check the receipt and the payment; settle the missing amount with the customer and the retailer. The spend the server refused is released on this PC.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="364"/>
        <source>Сообщите в центр код события: сервер не назвал причину.</source>
        <translation>Give the centre the event code: the server gave no reason.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="365"/>
        <source>Заказ отменён центром. Если товар уже у клиента — свяжитесь с центром и клиентом, оформите возврат товара или оплату; если нет — отправьте заказ в возврат.</source>
        <translation>The centre cancelled the order. If the customer already has the goods, contact the centre and the customer and arrange a return or a payment; if not, send the order back.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="366"/>
        <source>Откройте карточку заказа и сверьте, где на самом деле коробки и выдан ли заказ; расхождение решите с центром.</source>
        <translation>Open the order card and check where the boxes really are and whether the order was handed over; settle the difference with the centre.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="367"/>
        <source>Сбой на стороне сервера, данные на этом компьютере сохранены. Сообщите в поддержку код события и время.</source>
        <translation>A server-side failure; the data on this PC is kept. Give support the event code and the time.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="368"/>
        <source>Сервер не отправил лишнее SMS: повторять можно не чаще раза в 10 минут и не больше трёх раз в день. Код получения у клиента прежний; при необходимости повторите отправку позже.</source>
        <translation>The server did not send an extra SMS: it can be repeated at most once in 10 minutes and three times a day. The customer&apos;s pickup code stays the same; repeat the sending later if needed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="369"/>
        <source>Откройте карточку заказа, сверьте её с тем, что было на самом деле, и сообщите в центр код события.</source>
        <translation>Open the order card, check it against what really happened and give the centre the event code.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="370"/>
        <source>SMS не отправляются: неверный пароль шлюза</source>
        <translation>SMS are not being sent: wrong gateway password</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="371"/>
        <source>SMS не отправляются: ошибка настроек учётной записи шлюза</source>
        <translation>SMS are not being sent: the gateway account settings are wrong</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="372"/>
        <source>SMS не отправляются: исчерпан дневной лимит учётной записи шлюза</source>
        <translation>SMS are not being sent: the gateway account&apos;s daily limit is used up</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="373"/>
        <source>SMS не отправляются: нет денег на счёте</source>
        <translation>SMS are not being sent: no funds on the account</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="374"/>
        <source>SMS не отправляются: IP заблокирован шлюзом</source>
        <translation>SMS are not being sent: the gateway blocked the IP</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="375"/>
        <source>SMS не отправляются: шлюз отказал по учётной записи. Проверьте настройки шлюза.</source>
        <translation>SMS are not being sent: the gateway refused the account. Check the gateway settings.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="376"/>
        <source>Сертификат сервера {url} не прошёл проверку. Проверьте адрес или укажите файл сертификатов организации (ca_bundle) в настройках.</source>
        <translation>The certificate of server {url} failed verification. Check the address or set your organisation&apos;s certificate file (ca_bundle) in the settings.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="377"/>
        <source>Сервер {url} не отвечает. Проверьте адрес и подключение к сети.</source>
        <translation>Server {url} does not answer. Check the address and the network connection.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="378"/>
        <source>Сервер {url} требует более новую версию программы (не ниже {version}). Обновите программу, затем повторите регистрацию.</source>
        <translation>Server {url} requires a newer version of the program (at least {version}). Update the program, then register again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="379"/>
        <source>конфликт</source>
        <translation>conflict</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="380"/>
        <source>отклонено сервером</source>
        <translation>rejected by the server</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="381"/>
        <source>Обновление {version} отклонено: файл не совпадает с подписанным (повреждён или подменён).</source>
        <translation>Update {version} refused: the file does not match the signed one (damaged or tampered with).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="382"/>
        <source>Обновление {version} отклонено: архив не содержит программу этой версии.</source>
        <translation>Update {version} refused: the archive does not hold the program of this version.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="383"/>
        <source>Обновление отклонено: подписи сервера обновлений просрочены ({detail}). Сообщите администратору: нужно переподписать выпуск.</source>
        <translation>Update refused: the update server&apos;s signatures have expired ({detail}). Tell the administrator: the release must be re-signed.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="384"/>
        <source>Обновление отклонено: подпись сервера обновлений не прошла проверку ({detail}).</source>
        <translation>Update refused: the update server&apos;s signature failed verification ({detail}).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="385"/>
        <source>Проверка обновлений невозможна: в сборке нет ключей обновлений (update_root.json).</source>
        <translation>Cannot check for updates: this build has no update keys (update_root.json).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="386"/>
        <source>Сервер обновлений недоступен ({detail}); проверим позже.</source>
        <translation>The update server is unreachable ({detail}); will check again later.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="387"/>
        <source>Включён Caps Lock: большие и маленькие буквы перепутаны. Выключите Caps Lock.</source>
        <translation>Caps Lock is on: capital and small letters are swapped. Turn Caps Lock off.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="388"/>
        <source>Пришло «{raw}» вместо «{expected}». Отсканируйте тестовый код ещё раз; если снова не так — сбросьте сканер к заводским настройкам.</source>
        <translation>Received «{raw}» instead of «{expected}». Scan the test code again; if it is still wrong, reset the scanner to its factory settings.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="389"/>
        <source>Сканер не нажимает Enter после кода. Включите в настройках сканера суффикс Enter (CR) по инструкции к сканеру — иначе программа не поймёт, где кончается код.</source>
        <translation>The scanner does not press Enter after the code. Turn on the Enter (CR) suffix in the scanner settings as its manual describes, or the program cannot tell where a code ends.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="390"/>
        <source>Сканер ничего не передал. Проверьте кабель или режим клавиатуры (HID) и отсканируйте ещё раз.</source>
        <translation>The scanner sent nothing. Check the cable or the keyboard (HID) mode and scan again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="391"/>
        <source>Пришло «{raw}» без цифр: сканер, вероятно, набирает цифры на цифровой клавиатуре при выключенном NumLock. Включите NumLock и отсканируйте ещё раз.</source>
        <translation>Received «{raw}» without digits: the scanner probably types digits on the numeric keypad with NumLock off. Turn NumLock on and scan again.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="392"/>
        <source>Сканер печатает в русской раскладке: вместо «{expected}» пришло «{typed}». Программа это исправит сама (настройка «исправлять раскладку» включена); лучше переключить раскладку по умолчанию на английскую или настроить сканер на ввод кодами Alt.</source>
        <translation>The scanner types in the Russian keyboard layout: «{typed}» arrived instead of «{expected}». The program corrects this itself (the «fix layout» setting is on); better switch the default layout to English or set the scanner to Alt-code input.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="393"/>
        <source>Сканер печатает медленно (пауза до {slowest} мс между символами): такой ввод трудно отличить от ручного. Уменьшите в настройках сканера задержку между символами (inter-character delay).</source>
        <translation>The scanner types slowly (pauses up to {slowest} ms between characters): such input is hard to tell from typing by hand. Reduce the inter-character delay in the scanner settings.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="67"/>
        <source>клиент с телефоном {phone} не найден в этом пункте выдачи.</source>
        <translation>no customer with phone {phone} at this pickup point.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="3"/>
        <source>Подбор PIN-кода сертификата {number}: {attempts:n} неверных PIN-кодов за {minutes} мин (сотрудник {staff}).</source>
        <translation>
            <numerusform>PIN guessing on certificate {number}: {attempts:n} wrong PIN in {minutes} min (staff {staff}).</numerusform>
            <numerusform>PIN guessing on certificate {number}: {attempts:n} wrong PINs in {minutes} min (staff {staff}).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="4"/>
        <source>Центр отклонил активацию карты {card}: {reason}</source>
        <translation>The centre rejected the activation of card {card}: {reason}</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="5"/>
        <source>Центр отклонил активацию карты {card}: причина не указана</source>
        <translation>The centre rejected the activation of card {card}: no reason given</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="24"/>
        <source>Нет свободной ячейки размера {box_size} или больше, зона переполнения тоже занята. Положите коробку в любую ячейку и отсканируйте её — размещение будет с предупреждением.</source>
        <translation>No free cell of size {box_size} or larger, and the overflow zone is full too. Put the box into any cell and scan it — it will be placed with a warning.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="27"/>
        <source>Коробка {box} лежит в зоне переполнения {label}: ячеек размера {box_size} не хватает. Сообщите менеджеру.</source>
        <translation>Box {box} is in the overflow zone {label}: there are not enough cells of size {box_size}. Tell the manager.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="28"/>
        <source>Коробка {box} размера {box_size} лежит в ячейке {label} размера {cell_size}: ячейка меньше коробки. Переложите её, когда освободится подходящая ячейка.</source>
        <translation>Box {box} of size {box_size} is in cell {label} of size {cell_size}: the cell is smaller than the box. Move it when a fitting cell frees up.</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="68"/>
        <source>нет заказа на сумму от 5 000 ₽ (выданного или готового к выдаче в этом пункте).</source>
        <translation>no order of 5 000 ₽ or more (handed over or ready for pickup at this point).</translation>
    </message>
    <message>
        <location filename="../../build/lupdate/domain_messages.py" line="69"/>
        <source>у клиента с телефоном {phone} уже есть клубная карта {card}.</source>
        <translation>the customer with phone {phone} already has club card {card}.</translation>
    </message>
</context>
<context>
    <name>EnrolWizard</name>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="71"/>
        <source>Пункт выдачи {0} (данные придут при первой синхронизации)</source>
        <translation>Pickup point {0} (data arrives with the first sync)</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="86"/>
        <source>Адрес сервера</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="87"/>
        <source>Адрес центрального сервера выдаёт администратор, например https://pvz.example.ru</source>
        <translation>The administrator gives you the central server address, e.g. https://pvz.example.ru</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="91"/>
        <source>Проверить подключение</source>
        <translation>Check connection</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="95"/>
        <source>Адрес:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="117"/>
        <source>Проверка…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="124"/>
        <source>Сервер отвечает (версия {0}).</source>
        <translation>The server answers (version {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="149"/>
        <source>Код регистрации</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="150"/>
        <source>Одноразовый код (вида ABCD-EFGH-JKLM) выдаёт администратор; он действует 24 часа.</source>
        <translation>The administrator issues a one-time code (like ABCD-EFGH-JKLM); it is valid for 24 hours.</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="161"/>
        <source>Код:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="162"/>
        <source>Имя компьютера:</source>
        <translation>Computer name:</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="181"/>
        <source>Регистрация…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="196"/>
        <source>Загрузка данных пункта: сохранено заказов {0} из {1}…</source>
        <translation>Downloading the pickup point&apos;s data: {0} of {1} orders stored…</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="203"/>
        <source>Компьютер зарегистрирован.</source>
        <translation>This computer is enrolled.</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="222"/>
        <source>Пункт выдачи</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="223"/>
        <source>Проверьте, что это ваш пункт выдачи.</source>
        <translation>Check that this is your pickup point.</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="227"/>
        <source>Да, это мой пункт выдачи</source>
        <translation>Yes, this is my pickup point</translation>
    </message>
    <message>
        <location filename="../../ui/enrol_wizard.py" line="251"/>
        <source>Регистрация рабочего места Pickup Desk</source>
        <translation>Pickup Desk workstation enrolment</translation>
    </message>
</context>
<context>
    <name>ExceptionsTab</name>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="37"/>
        <source>Разблокировать</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="38"/>
        <source>Отправить SMS снова</source>
        <translation>Send the SMS again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="39"/>
        <source>Разобрано</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="60"/>
        <source>{0}. Что делать: {1}</source>
        <translation>{0}. What to do: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="67"/>
        <source>Заказ {0} разблокирован</source>
        <translation>Order {0} unlocked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="68"/>
        <source>Клиент может снова назвать код получения.</source>
        <translation>The customer can give the pickup code again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="75"/>
        <source>SMS по заказу {0} поставлено в очередь</source>
        <translation>SMS for order {0} queued</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="76"/>
        <source>Сообщение уйдёт при связи с сервером.</source>
        <translation>The message goes when the server is reachable.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="83"/>
        <source>Событие отмечено как разобранное</source>
        <translation>The event is marked reviewed</translation>
    </message>
</context>
<context>
    <name>FeedbackBanner</name>
    <message>
        <location filename="../../ui/feedback.py" line="96"/>
        <location filename="../../ui/feedback.py" line="139"/>
        <source>Готово к сканированию</source>
        <translation>Ready to scan</translation>
    </message>
</context>
<context>
    <name>FiscalActions</name>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="27"/>
        <source>АТОЛ, смена на кассе открыта</source>
        <translation>ATOL, the register&apos;s shift is open</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="28"/>
        <source>АТОЛ, смена на кассе закрыта</source>
        <translation>ATOL, the register&apos;s shift is closed</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="29"/>
        <source>АТОЛ, смена на кассе длится больше 24 часов — закройте её</source>
        <translation>ATOL, the register&apos;s shift is over 24 hours old — close it</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="30"/>
        <source>без кассы (документы нефискальные)</source>
        <translation>no cash register (documents are not fiscal)</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="92"/>
        <source>Нужен менеджер</source>
        <translation>A manager is needed</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="92"/>
        <source>Кассу настраивает и отчёты снимает менеджер.</source>
        <translation>The manager sets up the cash register and takes its reports.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="109"/>
        <source>Касса: {0}.</source>
        <translation>Cash register: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="111"/>
        <source>Чековая лента есть.</source>
        <translation>Receipt paper present.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="111"/>
        <source>Нет чековой ленты!</source>
        <translation>No receipt paper!</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="112"/>
        <source>Крышка открыта!</source>
        <translation>Cover open!</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="112"/>
        <source>Крышка закрыта.</source>
        <translation>Cover closed.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="115"/>
        <source>X-отчёт кассы</source>
        <translation>Cash register X report</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="122"/>
        <source>Смена на кассе открыта</source>
        <translation>The register&apos;s shift is open</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="122"/>
        <source>Можно принимать оплату.</source>
        <translation>Payments can be taken.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="133"/>
        <source>Z-отчёт кассы</source>
        <translation>Cash register Z report</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="151"/>
        <source>Касса не ответила</source>
        <translation>The cash register did not answer</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="161"/>
        <source>Касса</source>
        <translation>Cash register</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="162"/>
        <source>Настройки кассы сохранены. Перезапустите программу, чтобы они вступили в силу.</source>
        <translation>Cash register settings saved. Restart the program for them to take effect.</translation>
    </message>
</context>
<context>
    <name>FiscalSettingsDialog</name>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="47"/>
        <source>Касса (54-ФЗ)</source>
        <translation>Cash register (54-FZ)</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="51"/>
        <source>Без кассы (демо, пункт без приёма денег)</source>
        <translation>No cash register (demo, a point that takes no money)</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="52"/>
        <source>АТОЛ: драйвер ККТ 10, веб-сервер на этом ПК</source>
        <translation>ATOL: driver v10, web server on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="57"/>
        <source>Изменения вступят в силу после перезапуска программы.</source>
        <translation>Changes take effect after the program restarts.</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="60"/>
        <source>Режим:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="61"/>
        <source>Адрес веб-сервера драйвера:</source>
        <translation>Driver web server address:</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="66"/>
        <source>Сохранить</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/fiscal_actions.py" line="74"/>
        <source>Введите адрес веб-сервера драйвера АТОЛ, например {0}.</source>
        <translation>Enter the ATOL driver web server&apos;s address, for example {0}.</translation>
    </message>
</context>
<context>
    <name>HandoverChoices</name>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="28"/>
        <source>Паспорт гражданина РФ</source>
        <translation>Russian passport</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="29"/>
        <source>Заграничный паспорт</source>
        <translation>International passport</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="30"/>
        <source>Водительское удостоверение</source>
        <translation>Driving licence</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="31"/>
        <source>Военный билет</source>
        <translation>Military ID</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="32"/>
        <source>Вид на жительство</source>
        <translation>Residence permit</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="33"/>
        <source>Временное удостоверение личности</source>
        <translation>Temporary identity card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="37"/>
        <source>Передумал(а)</source>
        <translation>Changed their mind</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="38"/>
        <source>Брак или неисправность</source>
        <translation>Defect or malfunction</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="39"/>
        <source>Повреждение при доставке</source>
        <translation>Damaged in delivery</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="40"/>
        <source>Не соответствует описанию</source>
        <translation>Not as described</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="41"/>
        <source>Некомплект</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="42"/>
        <source>Привезли не тот товар</source>
        <translation>Wrong item delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/model.py" line="43"/>
        <source>Другое</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>HandoverNotes</name>
    <message>
        <location filename="../../desktop/services/handover/completion.py" line="237"/>
        <source>Клиент отказался от всего заказа: коробки остаются на хранении до возврата.</source>
        <translation>The customer refused the whole order: the boxes stay in storage until the return.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/handover/completion.py" line="241"/>
        <source>Заказ оплачен заранее: деньги за отказанные товары ({0}) вернёт центр.</source>
        <translation>The order was prepaid: the centre will refund the refused items ({0}).</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="53"/>
        <source>Найти</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="54"/>
        <source>Документ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="57"/>
        <source>Оплата / договор</source>
        <translation>Payment / agreement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="70"/>
        <source>№ заказа или код из SMS</source>
        <translation>order no. or SMS code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="208"/>
        <source>Доверенность</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="58"/>
        <source>Выдать</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="59"/>
        <source>Чек</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="61"/>
        <source>Прервать</source>
        <translation>Abort</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="73"/>
        <source>тел.: 4 цифры</source>
        <translation>phone: last 4</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="76"/>
        <source>фамилия</source>
        <translation>surname</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="227"/>
        <source>{0} ({1} шт.)</source>
        <translation>{0} ({1} pcs)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="63"/>
        <source>Ячейка:</source>
        <translation>Cell:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="37"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="38"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="39"/>
        <source>Ячейка</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="46"/>
        <source>Товар</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="47"/>
        <source>Кол-во</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_panel.py" line="48"/>
        <source>Цена</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="56"/>
        <location filename="../../ui/pages/handover_panel.py" line="49"/>
        <source>Отказ</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="55"/>
        <source>Доверенн.</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="257"/>
        <source>Ещё незавершённых выдач: {0}.</source>
        <translation>More unfinished handovers: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="259"/>
        <source>Продолжение выдачи заказа {0}</source>
        <translation>Resuming the handover of order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="135"/>
        <source>Что искать?</source>
        <translation>What to look for?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="136"/>
        <source>Отсканируйте QR-код или номер заказа, введите код из SMS или 4 цифры телефона и фамилию.</source>
        <translation>Scan the QR code or order number, or enter the SMS code, or the phone&apos;s last 4 digits and the surname.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="210"/>
        <source>Заказ не найден</source>
        <translation>Order not found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="211"/>
        <source>Проверьте данные. Можно отсканировать QR-код из приложения или номер заказа.</source>
        <translation>Check the details. You can scan the app&apos;s QR code or the order number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="218"/>
        <source>Найдено несколько заказов</source>
        <translation>Several orders found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="219"/>
        <source>Отсканируйте или введите номер нужного: {0}</source>
        <translation>Scan or type the number of the right one: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="76"/>
        <location filename="../../ui/pages/handover_view.py" line="187"/>
        <source>Заказ {0}</source>
        <translation>Order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="188"/>
        <source>Попросите код из SMS (введите и нажмите Enter) или отсканируйте QR-код из приложения.</source>
        <translation>Ask for the SMS code (type it and press Enter) or scan the QR code in the app.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="196"/>
        <source>по QR-коду</source>
        <translation>by QR code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="198"/>
        <source>по коду из SMS</source>
        <translation>by SMS code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="201"/>
        <source>Код верный</source>
        <translation>Code correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="199"/>
        <source>Клиент подтверждён {0}. {1}</source>
        <translation>Customer verified {0}. {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="166"/>
        <source>ЗАКАЗ ЗАБЛОКИРОВАН</source>
        <translation>ORDER LOCKED</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="168"/>
        <source>Неверный код</source>
        <translation>Wrong code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="208"/>
        <source>Номер доверенности:</source>
        <translation>Power of attorney number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="226"/>
        <source>Повтор</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="225"/>
        <source>Коробка {0} уже отсканирована.</source>
        <translation>Box {0} is already scanned.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="227"/>
        <source>Коробка есть</source>
        <translation>Box checked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="234"/>
        <source>СДАЧА {0}</source>
        <translation>CHANGE {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="236"/>
        <source>Оплата принята</source>
        <translation>Payment accepted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="250"/>
        <source>Записано</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="273"/>
        <source>Выдано на {0}.</source>
        <translation>Handed over: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="275"/>
        <source>Отказ на {0}.</source>
        <translation>Refused: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="277"/>
        <source>Начислено баллов: {0}.</source>
        <translation>Points credited: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="267"/>
        <source>F11 — напечатать квитанцию.</source>
        <translation>F11 — print the receipt.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="38"/>
        <source>Заказ {0} выдан</source>
        <translation>Order {0} handed over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="39"/>
        <source>Заказ {0} выдан частично</source>
        <translation>Order {0} partially handed over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="40"/>
        <source>Отказ от заказа {0}</source>
        <translation>Order {0} refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="271"/>
        <source>Квитанция напечатана.</source>
        <translation>Receipt printed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="266"/>
        <source>Выдача прервана</source>
        <translation>Handover aborted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="267"/>
        <source>Заказ {0} остаётся в ячейке.</source>
        <translation>Order {0} stays in its cell.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="313"/>
        <source>Нет заказа</source>
        <translation>No order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_page.py" line="313"/>
        <source>Сначала найдите заказ.</source>
        <translation>Find the order first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="184"/>
        <source>Следующий шаг</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="104"/>
        <source>Всё готово: нажмите F10 — выдать.</source>
        <translation>All set: press F10 to hand over.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="71"/>
        <source>Отсканируйте QR-код клиента или номер заказа, или введите код из SMS.</source>
        <translation>Scan the customer&apos;s QR code or the order number, or enter the SMS code.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="111"/>
        <source>Юрлицо: {0}</source>
        <translation>Legal entity: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="144"/>
        <source>К оплате: {0}</source>
        <translation>Due: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="147"/>
        <source>Оплачено</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="146"/>
        <source>Оплачено: {0}</source>
        <translation>Paid: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="21"/>
        <source>код / QR</source>
        <translation>code / QR</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="22"/>
        <source>документ (F6)</source>
        <translation>ID document (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="23"/>
        <source>доверенность (F7)</source>
        <translation>power of attorney (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="24"/>
        <source>коробки</source>
        <translation>boxes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="25"/>
        <source>оплата (F9)</source>
        <translation>payment (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="26"/>
        <source>кредитный договор (F9)</source>
        <translation>credit agreement (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="29"/>
        <source>Проверьте код из SMS или QR-код.</source>
        <translation>Check the SMS code or the QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="30"/>
        <source>Проверьте документ клиента: F6.</source>
        <translation>Check the customer&apos;s ID document: F6.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="31"/>
        <source>Внесите номер доверенности: F7.</source>
        <translation>Enter the power of attorney number: F7.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="32"/>
        <source>Отсканируйте каждую коробку заказа.</source>
        <translation>Scan every box of the order.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="33"/>
        <source>Примите оплату: F9.</source>
        <translation>Take the payment: F9.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="34"/>
        <source>Кредит банка: деньги не принимаются. Внесите номер подписанного договора: F9.</source>
        <translation>Bank loan: no money is taken. Record the signed agreement&apos;s number: F9.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="117"/>
        <source>Выдача невозможна: заказ заблокирован. Разблокирует менеджер (Менеджер → Исключения).</source>
        <translation>The order cannot be handed over: it is locked. A manager unlocks it (Manager → Exceptions).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="121"/>
        <source>✔ Всё проверено — F10 выдать</source>
        <translation>✔ All checked — F10 to hand over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="123"/>
        <source>Осталось: {0}</source>
        <translation>Still to do: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="128"/>
        <source>Заказ заблокирован после неверных кодов. Позовите менеджера.</source>
        <translation>The order is locked after wrong codes. Call the manager.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="132"/>
        <source>Попыток ввода кода: {0}</source>
        <translation>Code attempts left: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="139"/>
        <source>Кредит банка, договор {0}</source>
        <translation>Bank loan, agreement {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="141"/>
        <source>Кредит банка: оплата не нужна</source>
        <translation>Bank loan: no payment needed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="239"/>
        <source>Чек напечатан кассой (ФД № {0}).</source>
        <translation>Receipt printed by the cash register (FD No. {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="246"/>
        <source>Договор записан</source>
        <translation>Agreement recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="297"/>
        <source>Возврат из сервиса по заявке {0}: {1}.</source>
        <translation>Back from service, claim {0}: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_view.py" line="300"/>
        <source>Заключение сервиса: {0}</source>
        <translation>Service conclusion: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover_money.py" line="48"/>
        <source>Оплата не нужна</source>
        <translation>No payment needed</translation>
    </message>
</context>
<context>
    <name>HardwareActions</name>
    <message>
        <location filename="../../ui/hardware/actions.py" line="57"/>
        <source>&amp;Оборудование</source>
        <translation>&amp;Hardware</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/actions.py" line="59"/>
        <source>Сканировать камерой…</source>
        <translation>Scan with camera…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/actions.py" line="60"/>
        <source>Печать этикеток…</source>
        <translation>Print labels…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/actions.py" line="61"/>
        <source>Печатать ещё раз (последние документы)…</source>
        <translation>Print again (recent documents)…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/actions.py" line="62"/>
        <source>Настройка сканера…</source>
        <translation>Scanner setup…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/actions.py" line="63"/>
        <source>Настройки печати…</source>
        <translation>Print settings…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="198"/>
        <source>Печатать квитанцию сразу после выдачи</source>
        <translation>Print the receipt right after handover</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/wiring.py" line="207"/>
        <source>Касса (54-ФЗ)…</source>
        <translation>Cash register (54-FZ)…</translation>
    </message>
</context>
<context>
    <name>ImageFrameSource</name>
    <message>
        <location filename="../../ui/hardware/frames.py" line="64"/>
        <source>Тестовые кадры ({0})</source>
        <translation>Test frames ({0})</translation>
    </message>
</context>
<context>
    <name>IntakeFlow</name>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="83"/>
        <source>Заявка не найдена</source>
        <translation>Claim not found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="84"/>
        <source>Проверьте номер. Если у клиента нет заявки, откройте её по номеру заказа: F3.</source>
        <translation>Check the number. If the customer has no claim, open one by the order number: F3.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="88"/>
        <source>Найдено заявок: {0}</source>
        <translation>Claims found: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="89"/>
        <source>Выберите нужную в списке (двойной щелчок) или отсканируйте её номер.</source>
        <translation>Pick one in the list (double-click) or scan its number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="98"/>
        <source>Заявка по заказу</source>
        <translation>Claim by order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="99"/>
        <source>Номер заказа, в котором куплен товар (отсканируйте чек или введите):</source>
        <translation>Number of the order the item was bought in (scan the receipt or type it):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="122"/>
        <source>Заявка {0}</source>
        <translation>Claim {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="123"/>
        <source>Отсканируйте серийный номер (IMEI) с самого товара.</source>
        <translation>Scan the serial number (IMEI) on the item itself.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="130"/>
        <source>предварительная заявка</source>
        <translation>filed online</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="130"/>
        <source>новая заявка</source>
        <translation>new claim</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="131"/>
        <source>Заявка {0} ({1}) · заказ {2}: {3}
Клиент: {4}, {5}</source>
        <translation>Claim {0} ({1}) · order {2}: {3}
Customer: {4}, {5}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="137"/>
        <source>Гарантия: станет известна после проверки серийного номера.</source>
        <translation>Warranty: known once the serial number is checked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="139"/>
        <source>Куплен {0}, гарантия {1}, последний день {2}</source>
        <translation>Bought {0}, warranty {1}, last day {2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_flow.py" line="140"/>
        <source>%n мес.</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="143"/>
        <source>ГАРАНТИЯ ИСТЕКЛА. Принять можно только в платный ремонт с согласия клиента.</source>
        <translation>WARRANTY ENDED. It can only be taken in for a paid repair with the customer&apos;s consent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="146"/>
        <source>гарантия действует.</source>
        <translation>under warranty.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="164"/>
        <source> (разрешил менеджер: {0})</source>
        <translation> (allowed by the manager: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="165"/>
        <source>✔ Серийный номер {0} совпадает с заказом{1}</source>
        <translation>✔ Serial number {0} matches the order{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="169"/>
        <source>Отметьте комплектность и внешний вид, запишите неисправность, снимите фото (F4), затем F9.</source>
        <translation>Tick what is included and the visible condition, write the fault, take photos (F4), then F9.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="171"/>
        <source>Гарантия истекла: принять можно в платный ремонт с согласия клиента.</source>
        <translation>The warranty has ended: a paid repair needs the customer&apos;s consent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="172"/>
        <location filename="../../ui/pages/warranty_flow.py" line="174"/>
        <source>Серийный номер верный</source>
        <translation>Serial number correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="180"/>
        <source>✖ {0}. Если товар верный, менеджер может разрешить приём: F6.</source>
        <translation>✖ {0}. If the item is right, the manager can allow the intake: F6.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="181"/>
        <source>Серийный номер не подходит</source>
        <translation>Serial number does not match</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="194"/>
        <source>Нечего разрешать</source>
        <translation>Nothing to allow</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="195"/>
        <source>Сначала откройте заявку и отсканируйте серийный номер товара.</source>
        <translation>Open a claim and scan the item&apos;s serial number first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="197"/>
        <source>Серийный номер {0} не совпадает с заказом {1}.</source>
        <translation>Serial number {0} does not match order {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="204"/>
        <source>Менеджер может разрешить приём: пропуск, PIN и пометка, почему товар принимается.</source>
        <translation>The manager can allow the intake: badge, PIN and a note on why the item is taken in.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="220"/>
        <location filename="../../ui/pages/warranty_flow.py" line="239"/>
        <source>Нет заявки</source>
        <translation>No claim</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="220"/>
        <location filename="../../ui/pages/warranty_flow.py" line="239"/>
        <source>Сначала найдите или откройте заявку.</source>
        <translation>Find or open a claim first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="225"/>
        <source>Камера не найдена — товар можно принять без фото.</source>
        <translation>No camera found: the item can be taken in without photos.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="232"/>
        <source>Фото достаточно</source>
        <translation>Enough photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="232"/>
        <source>Больше снимков к заявке не добавить.</source>
        <translation>No more photos can be added to the claim.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="242"/>
        <source>Нужно согласие клиента</source>
        <translation>The customer&apos;s consent is needed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="243"/>
        <source>Гарантия истекла. Отметьте «Клиент согласен на платный ремонт» или откажите в приёме.</source>
        <translation>The warranty has ended. Tick «The customer agrees to a paid repair» or refuse the intake.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="261"/>
        <source>Акт приёма на экране: F11 — напечатать.</source>
        <translation>The intake act is on screen: F11 prints it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="263"/>
        <source>Акт приёма напечатан в двух экземплярах: подпись клиента на обоих, один — клиенту.</source>
        <translation>The intake act is printed in two copies: the customer signs both and keeps one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="264"/>
        <source>Принято в сервис: заявка {0}</source>
        <translation>Taken in for service: claim {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="266"/>
        <source>Этикетка для коробки напечатана.</source>
        <translation>The box label is printed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="268"/>
        <source>Этикетка не напечатана: {0} F10 — напечатать её ещё раз.</source>
        <translation>The label is not printed: {0} F10 prints it again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="275"/>
        <source>Нечего печатать</source>
        <translation>Nothing to print</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="276"/>
        <source>На этом экране ещё ничего не принято.</source>
        <translation>Nothing has been taken in on this screen yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="280"/>
        <source>Этикетка напечатана</source>
        <translation>Label printed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_flow.py" line="282"/>
        <source>Этикетка не напечатана</source>
        <translation>Label not printed</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="52"/>
        <source>отсканируйте с товара</source>
        <translation>scan it on the item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="55"/>
        <source>Клиент согласен на платный ремонт</source>
        <translation>The customer agrees to a paid repair</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="59"/>
        <source>внешний вид своими словами</source>
        <translation>the condition in your words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="61"/>
        <source>неисправность со слов клиента</source>
        <translation>the fault in the customer&apos;s words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="72"/>
        <source>Серийный номер:</source>
        <translation>Serial number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="79"/>
        <source>Комплектность (есть)</source>
        <translation>Included (present)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="80"/>
        <source>Внешний вид (замечено)</source>
        <translation>Condition (observed)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="83"/>
        <source>Состояние:</source>
        <translation>Condition:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="85"/>
        <source>Неисправность:</source>
        <translation>Fault:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="109"/>
        <source>Найдите заявку или откройте новую по заказу (F3).</source>
        <translation>Find a claim or open a new one by order (F3).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/warranty_intake.py" line="155"/>
        <source>Фото: %n</source>
        <translation>
            <numerusform>Photos: %n</numerusform>
            <numerusform>Photos: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_intake.py" line="157"/>
        <source>F4 — снять товар камерой.</source>
        <translation>F4 takes photos with the camera.</translation>
    </message>
</context>
<context>
    <name>JournalDetails</name>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="29"/>
        <source>выдача</source>
        <translation>handover</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="30"/>
        <source>сессия</source>
        <translation>session</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="31"/>
        <source>заказ</source>
        <translation>order</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="32"/>
        <source>заказов</source>
        <translation>orders</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="33"/>
        <source>коробка</source>
        <translation>box</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="34"/>
        <source>коробок</source>
        <translation>boxes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="35"/>
        <location filename="../../desktop/services/manager/journal_details.py" line="96"/>
        <source>карта</source>
        <translation>card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="36"/>
        <source>телефон</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="37"/>
        <source>город</source>
        <translation>city</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="38"/>
        <source>попыток</source>
        <translation>attempts</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="39"/>
        <location filename="../../desktop/services/manager/journal_details.py" line="40"/>
        <source>итог</source>
        <translation>outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="41"/>
        <source>причина</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="42"/>
        <source>способ</source>
        <translation>method</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="43"/>
        <source>чем подтверждено</source>
        <translation>verified by</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="44"/>
        <source>документ</source>
        <translation>document</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="45"/>
        <source>номер</source>
        <translation>number</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="46"/>
        <source>артикул</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="47"/>
        <source>количество</source>
        <translation>quantity</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="48"/>
        <source>к оплате</source>
        <translation>due</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="49"/>
        <source>оплачено</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="50"/>
        <source>внесено</source>
        <translation>tendered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="51"/>
        <source>сдача</source>
        <translation>change</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="52"/>
        <source>вернёт центр</source>
        <translation>refund by the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="53"/>
        <source>баллов</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="54"/>
        <source>оставлена коробка</source>
        <translation>box kept</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="55"/>
        <source>примечание</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="56"/>
        <source>накладная</source>
        <translation>waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="57"/>
        <source>ожидалось</source>
        <translation>expected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="58"/>
        <source>дней</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="59"/>
        <source>до</source>
        <translation>until</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="60"/>
        <source>смена</source>
        <translation>shift</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="61"/>
        <source>сотрудник</source>
        <translation>staff member</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="62"/>
        <source>кассир</source>
        <translation>clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="63"/>
        <source>менеджер</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="64"/>
        <source>вид</source>
        <translation>kind</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="65"/>
        <source>проверено записей</source>
        <translation>entries checked</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="66"/>
        <source>первая нарушенная запись</source>
        <translation>first broken entry</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="67"/>
        <source>что неверно</source>
        <translation>what was wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="68"/>
        <source>заявка</source>
        <translation>claim</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="69"/>
        <source>изделий</source>
        <translation>items</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="70"/>
        <source>этикетка</source>
        <translation>label</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="71"/>
        <source>ремонт</source>
        <translation>repair</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="72"/>
        <source>серийный номер</source>
        <translation>serial number</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="73"/>
        <source>фото</source>
        <translation>photos</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="74"/>
        <source>разрешил</source>
        <translation>allowed by</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="75"/>
        <source>способы оплаты</source>
        <translation>tenders</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="76"/>
        <location filename="../../desktop/services/manager/journal_details.py" line="78"/>
        <source>чек</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="77"/>
        <source>чек возврата</source>
        <translation>return receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="79"/>
        <source>ФД</source>
        <translation>FD</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="80"/>
        <source>код ошибки кассы</source>
        <translation>register error code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="81"/>
        <source>сумма</source>
        <translation>total</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="82"/>
        <source>продажа</source>
        <translation>sale</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="83"/>
        <source>номинал</source>
        <translation>face value</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="84"/>
        <source>кредитный договор</source>
        <translation>credit agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="88"/>
        <source>принята</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="89"/>
        <source>повторное сканирование</source>
        <translation>repeated scan</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="90"/>
        <source>лишняя</source>
        <translation>surplus</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="91"/>
        <source>чужого пункта</source>
        <translation>another point&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="92"/>
        <source>из другой поставки</source>
        <translation>from another shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="93"/>
        <source>принята на другом ПК</source>
        <translation>received on another PC</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="94"/>
        <source>неизвестный штрихкод</source>
        <translation>unknown barcode</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="95"/>
        <source>наличные</source>
        <translation>cash</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="97"/>
        <source>код выдачи</source>
        <translation>pickup code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="98"/>
        <source>QR-код</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="99"/>
        <source>истёк срок хранения</source>
        <translation>storage period over</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="100"/>
        <source>баллы</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="101"/>
        <source>подарочный сертификат</source>
        <translation>gift certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="102"/>
        <source>несколькими способами</source>
        <translation>mixed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="103"/>
        <source>чек прихода</source>
        <translation>sale receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="104"/>
        <source>чек возврата прихода</source>
        <translation>sale return receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="105"/>
        <source>открытие смены на кассе</source>
        <translation>register shift opening</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="106"/>
        <source>Z-отчёт</source>
        <translation>Z report</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="107"/>
        <source>X-отчёт</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="108"/>
        <source>бейдж и PIN</source>
        <translation>badge and PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="109"/>
        <source>логин и пароль</source>
        <translation>login and password</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="110"/>
        <source>вход заблокирован</source>
        <translation>sign-in locked</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="111"/>
        <source>сотрудник отключён</source>
        <translation>staff member switched off</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="112"/>
        <source>нет такого сотрудника</source>
        <translation>no such staff member</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="130"/>
        <source>да</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_details.py" line="130"/>
        <source>нет</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>JournalTab</name>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="77"/>
        <source>Проверить журнал</source>
        <translation>Check the journal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="79"/>
        <source>Журнал в CSV для сверки с камерами…</source>
        <translation>Journal to CSV for matching CCTV…</translation>
    </message>
</context>
<context>
    <name>KeyCapture</name>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="66"/>
        <source>Щёлкните здесь и отсканируйте тестовый код…</source>
        <translation>Click here and scan the test code…</translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="46"/>
        <source>Печать этикеток</source>
        <translation>Label printing</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="86"/>
        <source>Этикетки ячеек</source>
        <translation>Cell labels</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="87"/>
        <source>Повторная этикетка коробки</source>
        <translation>Box label reprint</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="88"/>
        <source>Клубная карта</source>
        <translation>Club card</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="98"/>
        <source>Первая ячейка</source>
        <translation>First cell</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="98"/>
        <source>Последняя ячейка</source>
        <translation>Last cell</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="100"/>
        <source>Штрихкод коробки</source>
        <translation>Box barcode</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="100"/>
        <source>Всего мест в заказе</source>
        <translation>Total boxes in the order</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="102"/>
        <source>Номер карты (13 цифр)</source>
        <translation>Card number (13 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="60"/>
        <source>Печать</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="62"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="65"/>
        <source>Что печатать</source>
        <translation>What to print</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="66"/>
        <source>Этикетки</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="116"/>
        <source>Укажите ячейки как на этикетке: CA0101 … CA0410 (первая не больше последней).</source>
        <translation>Enter the cells as on the label: CA0101 … CA0410 (the first not after the last).</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="119"/>
        <source>Слишком много этикеток ({0}): не больше {1} за раз.</source>
        <translation>Too many labels ({0}): at most {1} at a time.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="127"/>
        <source>Отсканируйте штрихкод коробки (B + 15 цифр) и укажите, сколько мест в заказе.</source>
        <translation>Scan the box barcode (B + 15 digits) and enter how many boxes the order has.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="133"/>
        <source>Номер клубной карты — 13 цифр, начинается с 2, с верной контрольной цифрой.</source>
        <translation>A club card number has 13 digits, starts with 2 and has a valid check digit.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="168"/>
        <source>, листов A4: {0}</source>
        <translation>, A4 sheets: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="169"/>
        <source>Этикеток: {0}</source>
        <translation>Labels: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/label_dialog.py" line="181"/>
        <source>Отправлено на печать: {0} стр.</source>
        <translation>Sent to the printer: {0} pages.</translation>
    </message>
</context>
<context>
    <name>LabelStocks</name>
    <message>
        <location filename="../../desktop/labels/templates.py" line="60"/>
        <source>Термоэтикетка 58×40 мм</source>
        <translation>Thermal label 58×40 mm</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/templates.py" line="62"/>
        <source>Термоэтикетка 100×150 мм</source>
        <translation>Thermal label 100×150 mm</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/templates.py" line="65"/>
        <source>Этикетка 70×37 мм на листе A4</source>
        <translation>Label 70×37 mm on an A4 sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/templates.py" line="69"/>
        <source>Лист A4, 24 этикетки 70×37 мм</source>
        <translation>A4 sheet, 24 labels 70×37 mm</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels/content.py" line="34"/>
        <source>Ячейка хранения</source>
        <translation>Storage cell</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/content.py" line="49"/>
        <source>Грузоместо (повторная этикетка)</source>
        <translation>Box (replacement label)</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/content.py" line="50"/>
        <source>{0} из {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/content.py" line="51"/>
        <location filename="../../desktop/labels/content.py" line="81"/>
        <source>Заказ {0}</source>
        <translation>Order {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/content.py" line="60"/>
        <source>Клубная карта</source>
        <translation>Club card</translation>
    </message>
    <message>
        <location filename="../../desktop/labels/content.py" line="79"/>
        <source>В сервис по гарантии</source>
        <translation>To service under warranty</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/login_screen.py" line="65"/>
        <source>Пункт выдачи заказов</source>
        <translation>Order pickup point</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="69"/>
        <source>Отсканируйте пропуск и введите PIN — или введите логин и пароль.</source>
        <translation>Scan your badge and enter the PIN — or enter login and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="108"/>
        <source>пропуск ST…… или логин</source>
        <translation>badge ST…… or login</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="111"/>
        <source>PIN или пароль</source>
        <translation>PIN or password</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="116"/>
        <source>Войти (Enter)</source>
        <translation>Log in (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="120"/>
        <source>Пропуск / логин:</source>
        <translation>Badge / login:</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="121"/>
        <source>PIN / пароль:</source>
        <translation>PIN / password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="163"/>
        <source>Сначала войдите: отсканируйте свой пропуск и введите PIN.</source>
        <translation>Log in first: scan your badge and enter the PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="168"/>
        <source>Пропуск считан. Введите PIN и нажмите Enter.</source>
        <translation>Badge read. Enter the PIN and press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="176"/>
        <source>Программа ещё запускается: вход выполнится, как только она будет готова.</source>
        <translation>The program is still starting: you will be logged in as soon as it is ready.</translation>
    </message>
    <message>
        <location filename="../../ui/login_screen.py" line="186"/>
        <source>Проверка…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>Пункт выдачи — {0}</source>
        <translation>Pickup point — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>Пункт выдачи</source>
        <translation>Pickup point</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>&amp;Файл</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>Заблокировать (выйти)</source>
        <translation>Lock (log out)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Выход из программы</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>&amp;Смена</source>
        <translation>&amp;Shift</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>Открыть смену</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>Закрыть смену</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>X-отчёт кассы (состояние кассы)</source>
        <translation>Cash register X report (register state)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>Открыть смену на кассе</source>
        <translation>Open the shift on the cash register</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Z-отчёт на кассе</source>
        <translation>Z report on the cash register</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Переход</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>&amp;Справка</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <location filename="../../ui/main_window.py" line="378"/>
        <source>Горячие клавиши</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>О программе</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>Демо: SMS и коды получения</source>
        <translation>Demo: SMS and pickup codes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Нет доступа</source>
        <translation>No access</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Этот раздел доступен руководителю.</source>
        <translation>This section is for the manager.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Здравствуйте, {0}</source>
        <translation>Hello, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>Экран заблокирован. Войдите снова.</source>
        <translation>Screen locked. Log in again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Экран заблокирован после простоя. Войдите снова.</source>
        <translation>Screen locked after inactivity. Log in again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Смена</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Закрыть смену и получить отчёт?</source>
        <translation>Close the shift and get the report?</translation>
    </message>
</context>
<context>
    <name>ManagerArrivals</name>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="45"/>
        <source>принята</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="46"/>
        <source>излишек</source>
        <translation>surplus</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="47"/>
        <source>чужая</source>
        <translation>another point&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="48"/>
        <source>заказ отменён</source>
        <translation>order cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="49"/>
        <source>из другой поставки</source>
        <translation>from another shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="50"/>
        <source>принята на другом рабочем месте</source>
        <translation>received at another workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="51"/>
        <source>недостача</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="69"/>
        <source>Приёмки за период</source>
        <translation>Receiving sessions of the period</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="86"/>
        <source>Коробки приёмки {0}</source>
        <translation>Boxes of receiving {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="134"/>
        <source>недостача: {0}</source>
        <translation>missing: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="135"/>
        <source>излишки: {0}</source>
        <translation>surplus: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="136"/>
        <source>чужие: {0}</source>
        <translation>foreign: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="137"/>
        <source>повреждённые: {0}</source>
        <translation>damaged: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="138"/>
        <source>из другой поставки: {0}</source>
        <translation>from another shipment: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="139"/>
        <source>приняты на другом месте: {0}</source>
        <translation>received at another desk: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="140"/>
        <source>отменённые: {0}</source>
        <translation>cancelled: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="147"/>
        <source>нет</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="156"/>
        <source>Накладная</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="157"/>
        <source>Открыта</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="158"/>
        <source>Закрыта</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="159"/>
        <source>Принимали</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="160"/>
        <source>Ожидалось</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="161"/>
        <source>Принято</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="162"/>
        <source>Недостача</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="163"/>
        <source>Излишки</source>
        <translation>Surplus</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="164"/>
        <source>Чужие</source>
        <translation>Foreign</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="165"/>
        <source>Повреждённые</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="166"/>
        <source>Из другой поставки</source>
        <translation>From another shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="167"/>
        <source>Приняты на другом месте</source>
        <translation>Received elsewhere</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="168"/>
        <source>Отменённые</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="169"/>
        <source>От первого скана до размещения</source>
        <translation>First scan to last box placed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="170"/>
        <source>Расхождения</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="176"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="177"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="178"/>
        <source>Результат</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="179"/>
        <source>Отсканирована</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="180"/>
        <source>Размещена</source>
        <translation>Placed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="181"/>
        <source>Ячейка</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="182"/>
        <source>Повреждение</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="187"/>
        <source>без накладной</source>
        <translation>without a waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/arrivals.py" line="254"/>
        <source>да</source>
        <translation>yes</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../ui/pages/code_guard.py" line="26"/>
        <source>Нужно разрешение менеджера</source>
        <translation>A manager&apos;s permission is needed</translation>
    </message>
    <message>
        <location filename="../../ui/manager_dialog.py" line="29"/>
        <source>пропуск менеджера</source>
        <translation>manager&apos;s badge</translation>
    </message>
    <message>
        <location filename="../../ui/manager_dialog.py" line="32"/>
        <source>Пропуск:</source>
        <translation>Badge:</translation>
    </message>
    <message>
        <location filename="../../ui/manager_dialog.py" line="33"/>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/manager_dialog.py" line="39"/>
        <source>Пометка:</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>ManagerJournal</name>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="91"/>
        <source>№</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="92"/>
        <source>Когда</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="93"/>
        <source>Сотрудник</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="94"/>
        <source>Действие</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="95"/>
        <source>Предмет</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="96"/>
        <source>Подробности</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_report.py" line="148"/>
        <source>Журнал действий</source>
        <translation>Action journal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="34"/>
        <source>Удалены последние записи журнала: на сервере закреплена запись №{0} от {1} (закреплена {2}), а в журнале этого компьютера её больше нет.</source>
        <translation>The newest journal entries were deleted: the server holds entry No. {0} of {1} (anchored {2}), and this computer&apos;s journal no longer has it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="44"/>
        <source>Перед записью №{0} запись удалена или вставлена.</source>
        <translation>An entry was deleted or inserted before entry No. {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="46"/>
        <source>Запись №{0} изменена после того, как была сделана.</source>
        <translation>Entry No. {0} was changed after it was written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="49"/>
        <source>система</source>
        <translation>system</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="50"/>
        <source>Запись №{0}: {1}, {2}, «{3}», {4}.</source>
        <translation>Entry No. {0}: {1}, {2}, “{3}”, {4}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="58"/>
        <source>Журнал цел</source>
        <translation>The journal is intact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="65"/>
        <source>Сообщите администратору.</source>
        <translation>Tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="66"/>
        <source>Журнал повреждён</source>
        <translation>The journal is damaged</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="395"/>
        <source>Проверено %n записей — изменений и удалений нет.</source>
        <translation>
            <numerusform>Checked %n entry: nothing changed or deleted.</numerusform>
            <numerusform>Checked %n entries: nothing changed or deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="42"/>
        <source>Обновить</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="43"/>
        <location filename="../../ui/pages/manager/console_page.py" line="86"/>
        <source>Экспорт</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="81"/>
        <source>Нечего выгружать</source>
        <translation>Nothing to export</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="81"/>
        <source>Дождитесь, пока таблица загрузится.</source>
        <translation>Wait until the table has loaded.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="83"/>
        <source>Книга Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/console_page.py" line="83"/>
        <source>CSV для Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/manager/console_page.py" line="100"/>
        <source>Выгружено строк: %n</source>
        <translation>
            <numerusform>Exported %n row</numerusform>
            <numerusform>Exported %n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManagerReports</name>
    <message>
        <location filename="../../ui/pages/manager/report_view.py" line="36"/>
        <source>{0} д {1} ч</source>
        <translation>{0} d {1} h</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_view.py" line="38"/>
        <source>{0} ч {1:02d} мин</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_view.py" line="39"/>
        <source>{0} мин</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_view.py" line="67"/>
        <source>с {0}</source>
        <translation>since {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="79"/>
        <source>да</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="79"/>
        <source>нет</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="45"/>
        <location filename="../../desktop/services/manager/charts.py" line="116"/>
        <source>Принято коробок</source>
        <translation>Boxes received</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="46"/>
        <source>Размещено</source>
        <translation>Placed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="47"/>
        <location filename="../../desktop/services/manager/charts.py" line="126"/>
        <source>Выдано заказов</source>
        <translation>Orders handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="48"/>
        <source>Отказы (позиций)</source>
        <translation>Refused lines</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="49"/>
        <source>Отказы от заказов</source>
        <translation>Refused orders</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="50"/>
        <source>Неверные коды</source>
        <translation>Wrong codes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="51"/>
        <source>Отмены приёмки</source>
        <translation>Undone receipts</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="52"/>
        <source>Наличные</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="99"/>
        <location filename="../../desktop/services/manager/activity.py" line="112"/>
        <source>Сотрудник</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="100"/>
        <source>Смена</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="101"/>
        <source>Смена открыта</source>
        <translation>Shift opened</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="102"/>
        <source>Смена закрыта</source>
        <translation>Shift closed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="106"/>
        <source>Работа по сменам</source>
        <translation>Activity per shift</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/activity.py" line="113"/>
        <source>Работа сотрудников за период</source>
        <translation>Staff activity for the period</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="44"/>
        <source>Переполнение</source>
        <translation>Overflow</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="90"/>
        <source>День</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="118"/>
        <source>Принято коробок по дням</source>
        <translation>Boxes received per day</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="125"/>
        <source>Час</source>
        <translation>Hour</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="128"/>
        <source>Выдачи по часам дня</source>
        <translation>Handovers per hour of day</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="149"/>
        <source>Поставка</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="150"/>
        <source>Приёмка закрыта</source>
        <translation>Receiving closed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="151"/>
        <source>Ожидалось</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="152"/>
        <source>Недостача</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="153"/>
        <source>Излишки</source>
        <translation>Surplus</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="154"/>
        <source>Чужие</source>
        <translation>Foreign</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="155"/>
        <source>Повреждено</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="156"/>
        <source>Расхождения</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="157"/>
        <source>Расхождения по поставкам</source>
        <translation>Discrepancies per shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="170"/>
        <source>Доставлено</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="171"/>
        <source>Не доставлено</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="172"/>
        <source>Неизвестно</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="174"/>
        <source>SMS по дням</source>
        <translation>SMS per day</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="195"/>
        <source>Размер ячеек</source>
        <translation>Cell size</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="196"/>
        <source>Занято</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="197"/>
        <source>Всего мест</source>
        <translation>Total places</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="198"/>
        <source>Занятость</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/charts.py" line="199"/>
        <source>Занятость ячеек по размерам</source>
        <translation>Cell occupancy by size</translation>
    </message>
</context>
<context>
    <name>ManagerSections</name>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="29"/>
        <source>Заблокированы</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="30"/>
        <source>SMS не доставлены</source>
        <translation>SMS not delivered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="31"/>
        <source>Отклонено сервером</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="32"/>
        <source>Забытые сессии</source>
        <translation>Forgotten sessions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="71"/>
        <source>Состояние на эту минуту (период не влияет). Enter — карточка заказа.</source>
        <translation>The state at this minute (the period does not apply). Enter opens the order card.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="78"/>
        <source>Открыть карточку заказа</source>
        <translation>Open the order card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="104"/>
        <source>Строка не выбрана</source>
        <translation>No row selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="105"/>
        <source>Выберите строку в разделе «{0}».</source>
        <translation>Select a row in «{0}».</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="122"/>
        <source>Заказ не выбран</source>
        <translation>No order selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/report_sections.py" line="123"/>
        <source>Выберите строку заказа.</source>
        <translation>Select an order&apos;s row.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="17"/>
        <source>Не разложены</source>
        <translation>Not placed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="18"/>
        <source>Не получены</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="19"/>
        <source>Истекает срок</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="20"/>
        <source>К возврату</source>
        <translation>To return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="21"/>
        <source>Сессии возврата</source>
        <translation>Return sessions</translation>
    </message>
</context>
<context>
    <name>ManagerTabs</name>
    <message>
        <location filename="../../ui/pages/manager/exceptions_tab.py" line="27"/>
        <source>Исключения</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/waiting_tab.py" line="15"/>
        <source>Ожидают</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/arrivals_tab.py" line="33"/>
        <source>Приёмки</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/activity_tab.py" line="23"/>
        <source>Сотрудники</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/charts_tab.py" line="158"/>
        <source>Графики</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/journal_tab.py" line="72"/>
        <source>Журнал</source>
        <translation>Journal</translation>
    </message>
</context>
<context>
    <name>OrderCardDialog</name>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="248"/>
        <source>Карточка заказа</source>
        <translation>Order card</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="43"/>
        <source>Номер заказа, штрихкод коробки, телефон, «1234 Иванов» или фамилия</source>
        <translation>Order number, box barcode, phone, “1234 Ivanov” or surname</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="46"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="46"/>
        <location filename="../../ui/pages/orders_page.py" line="81"/>
        <location filename="../../ui/pages/orders_page.py" line="84"/>
        <source>Статус</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="46"/>
        <source>Клиент</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="46"/>
        <source>Телефон</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="46"/>
        <source>Сумма</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="47"/>
        <source>Хранение до</source>
        <translation>Stored until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="54"/>
        <source>Найдите заказ: отсканируйте коробку или введите номер и нажмите Enter.</source>
        <translation>Find an order: scan a box or type the number and press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="55"/>
        <source>Разблокировать заказ</source>
        <translation>Unlock order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="78"/>
        <source>Товар</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="78"/>
        <source>Кол-во</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="78"/>
        <source>Цена</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="78"/>
        <source>Отказ</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="78"/>
        <source>Состав</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="81"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="81"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="81"/>
        <source>Ячейка</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="81"/>
        <source>Коробки</source>
        <translation>Boxes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="84"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="84"/>
        <source>Попытка</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="84"/>
        <source>Обновлено</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="88"/>
        <source>Время</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="88"/>
        <source>Что</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="88"/>
        <source>Сотрудник</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="88"/>
        <source>Синхронизация</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="89"/>
        <source>История</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="224"/>
        <source>Заказ {0} разблокирован</source>
        <translation>Order {0} unlocked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="224"/>
        <source>Клиент может снова назвать код получения.</source>
        <translation>The customer may give the pickup code again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="69"/>
        <source>Найти</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="42"/>
        <source>Заказ, коробка, телефон или фамилия</source>
        <translation>Order, box, phone or surname</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="70"/>
        <source>Повторить SMS</source>
        <translation>Resend SMS</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="71"/>
        <source>Обновить</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="133"/>
        <source>Ничего не найдено</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="133"/>
        <source>Проверьте номер или попробуйте телефон и фамилию.</source>
        <translation>Check the number or try phone and surname.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="140"/>
        <source>Найдено заказов: {0}</source>
        <translation>Orders found: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="140"/>
        <source>Выберите заказ в списке.</source>
        <translation>Select an order in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="152"/>
        <source>Заказ {0} — {1}. {2}, {3}. Сумма {4}, к оплате {5}.</source>
        <translation>Order {0} — {1}. {2}, {3}. Amount {4}, due {5}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="158"/>
        <source>Заблокирован после 5 неверных кодов.</source>
        <translation>Locked after 5 wrong codes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="194"/>
        <source>→ сервер: {0}</source>
        <translation>→ server: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="201"/>
        <source>Заказ не выбран</source>
        <translation>No order selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="201"/>
        <source>Сначала найдите заказ.</source>
        <translation>Find the order first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="209"/>
        <source>SMS поставлено в очередь</source>
        <translation>SMS queued</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="210"/>
        <source>Попытка {0}. Сообщение уйдёт при связи с сервером.</source>
        <translation>Attempt {0}. The message goes out when the server is reachable.</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../ui/pages/warranty_override.py" line="17"/>
        <source>Разрешение менеджера</source>
        <translation>Manager&apos;s permission</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_override.py" line="18"/>
        <source>почему товар принимается</source>
        <translation>why the item is taken in</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/base.py" line="107"/>
        <source>Не выполнено</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="161"/>
        <source>Нужен вход</source>
        <translation>Login required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="161"/>
        <source>Войдите в систему, чтобы продолжить.</source>
        <translation>Log in to continue.</translation>
    </message>
</context>
<context>
    <name>PageTitles</name>
    <message>
        <location filename="../../ui/pages/__init__.py" line="75"/>
        <location filename="../../ui/pages/club_page.py" line="24"/>
        <source>Клубные карты</source>
        <translation>Club cards</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="68"/>
        <location filename="../../ui/pages/handover_page.py" line="40"/>
        <source>Выдача</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="73"/>
        <location filename="../../ui/pages/placement_page.py" line="26"/>
        <source>Размещение</source>
        <translation>Placement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="71"/>
        <location filename="../../ui/pages/receiving_page.py" line="48"/>
        <source>Приёмка</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="77"/>
        <location filename="../../ui/pages/orders_page.py" line="34"/>
        <source>Заказы</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="79"/>
        <location filename="../../ui/pages/returns_page.py" line="36"/>
        <source>Возвраты</source>
        <translation>Returns</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="83"/>
        <location filename="../../ui/pages/sync_page.py" line="24"/>
        <source>Синхронизация</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="85"/>
        <location filename="../../ui/pages/manager/console_page.py" line="24"/>
        <source>Менеджер</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="81"/>
        <location filename="../../ui/pages/warranty_page.py" line="36"/>
        <source>Гарантия</source>
        <translation>Warranty</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="35"/>
        <source>Баллов больше, чем можно списать: не больше {1}.</source>
        <translation>More points than can be spent: at most {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="36"/>
        <source>Баллы, сертификаты и карта дают больше, чем к оплате: уменьшите сумму.</source>
        <translation>Points, certificates and card add up to more than is due: reduce the amount.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="38"/>
        <source>Наличные не нужны: сумма уже оплачена. Очистите поле наличных.</source>
        <translation>No cash needed: the amount is already paid. Clear the cash field.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="40"/>
        <source>Оплачено не всё: осталось {0}.</source>
        <translation>Not fully paid: {0} left.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="41"/>
        <source>Сумма введена неверно: введите рубли, например 1500 или 1500,50.</source>
        <translation>The amount is not valid: enter roubles, for example 1500 or 1500,50.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="57"/>
        <source>Оплата</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="61"/>
        <source>К оплате: {0}</source>
        <translation>Due: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="65"/>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="68"/>
        <source>сумма картой, ₽</source>
        <translation>amount by card, ₽</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="69"/>
        <source>сколько дал клиент, ₽</source>
        <translation>what the customer handed over, ₽</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="83"/>
        <source>Списать баллов (F2):</source>
        <translation>Points to spend (F2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="88"/>
        <source>Картой, ₽ (F4):</source>
        <translation>By card, ₽ (F4):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="89"/>
        <source>Наличными, ₽ (F5):</source>
        <translation>In cash, ₽ (F5):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="90"/>
        <source>Сдача:</source>
        <translation>Change:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="99"/>
        <source>Остаток картой</source>
        <translation>Rest by card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="100"/>
        <source>Без сдачи</source>
        <translation>No change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="102"/>
        <source>Принять оплату</source>
        <translation>Take the payment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="103"/>
        <source>Отмена</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="132"/>
        <source>У клиента нет активной клубной карты: баллы не списываются.</source>
        <translation>The customer has no active club card: no points can be spent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="134"/>
        <source>Баллы клиента: доступно {0}, списать можно до {1} (1 балл = 1 ₽).</source>
        <translation>Customer&apos;s points: {0} available, up to {1} can be spent (1 point = 1 ₽).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="137"/>
        <source>Уже списано на этом ПК и ждёт подтверждения: {0}.</source>
        <translation>Already spent on this PC and awaiting confirmation: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/payment_dialog.py" line="163"/>
        <source>Осталось: {0}</source>
        <translation>Left: {0}</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="37"/>
        <source>Период с</source>
        <translation>Period from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="37"/>
        <source>по</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="41"/>
        <source>Сегодня</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="41"/>
        <source>7 дней</source>
        <translation>7 days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="41"/>
        <source>30 дней</source>
        <translation>30 days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/manager/period_picker.py" line="42"/>
        <source>Год</source>
        <translation>Year</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="50"/>
        <location filename="../../ui/hardware/photo_dialog.py" line="123"/>
        <source>Фото товара</source>
        <translation>Item photos</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="63"/>
        <source>Покажите товар камере и нажмите «Снять» (пробел). Можно несколько снимков.</source>
        <translation>Show the item to the camera and press «Take» (Space). Several shots are fine.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="65"/>
        <source>Снять</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="68"/>
        <source>Открыть фото…</source>
        <translation>Open photo…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="70"/>
        <source>Готово</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="85"/>
        <source>Без камеры можно открыть снимок с диска или принять товар без фото.</source>
        <translation>Without a camera, open a photo from disk or take the item in without photos.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="110"/>
        <source>Не удалось открыть снимок: это не изображение или файл повреждён.</source>
        <translation>Could not open the photo: not an image, or the file is damaged.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="119"/>
        <source>Снимков сделано: {0}. «Готово» — вернуться к приёму.</source>
        <translation>Photos taken: {0}. «Done» returns to the intake.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/photo_dialog.py" line="122"/>
        <source>Изображения (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
</context>
<context>
    <name>PlacementPage</name>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="34"/>
        <location filename="../../ui/pages/placement_page.py" line="113"/>
        <source>Шаг 1: отсканируйте коробку.</source>
        <translation>Step 1: scan a box.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="36"/>
        <source>Рекомендуемая ячейка:</source>
        <translation>Suggested cell:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="40"/>
        <source>Проверка ячейки: отсканируйте ячейку, не сканируя коробку.</source>
        <translation>Cell audit: scan a cell without scanning a box first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="41"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="41"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="41"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="41"/>
        <source>Статус заказа</source>
        <translation>Order status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="48"/>
        <source>Отменить коробку</source>
        <translation>Drop box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="83"/>
        <source>Шаг 2: положите коробку в ячейку и отсканируйте ячейку.</source>
        <translation>Step 2: put the box in the cell and scan the cell.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="76"/>
        <location filename="../../ui/pages/placement_page.py" line="84"/>
        <source>Коробка {0}</source>
        <translation>Box {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="75"/>
        <source>Шаг 2: положите коробку в любую ячейку и отсканируйте ячейку.</source>
        <translation>Step 2: put the box into any cell and scan the cell.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="79"/>
        <source>Свободной ячейки нет</source>
        <translation>No free cell</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="86"/>
        <source>Размер {0}, занято {1} из {2}.</source>
        <translation>Size {0}, {1} of {2} taken.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="89"/>
        <source>Зона переполнения: ячеек нужного размера не хватает.</source>
        <translation>Overflow zone: not enough cells of the right size.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="91"/>
        <source>Там уже лежат коробки этого заказа.</source>
        <translation>Boxes of this order are already there.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="93"/>
        <source>Коробка считана</source>
        <translation>Box read</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="93"/>
        <source>Положите в ячейку {0}.</source>
        <translation>Put it in cell {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="103"/>
        <source> (перемещена из {0})</source>
        <translation> (moved from {0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="104"/>
        <source>Размещено в {0}</source>
        <translation>Placed in {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="108"/>
        <source>Коробка {0}, заказ {1}{2}.</source>
        <translation>Box {0}, order {1}{2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="110"/>
        <source>Готово. Шаг 1: отсканируйте следующую коробку.</source>
        <translation>Done. Step 1: scan the next box.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="114"/>
        <source>Коробка снята с выбора</source>
        <translation>Box dropped</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/placement_page.py" line="128"/>
        <source>Ячейка {0} (размер {1}): {2} из %n мест занято.</source>
        <translation>
            <numerusform>Cell {0} (size {1}): {2} of %n place taken.</numerusform>
            <numerusform>Cell {0} (size {1}): {2} of %n places taken.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="131"/>
        <source>Проверка ячейки {0}</source>
        <translation>Cell audit {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placement_page.py" line="132"/>
        <source>Сверьте коробки на полке со списком.</source>
        <translation>Compare the boxes on the shelf with the list.</translation>
    </message>
</context>
<context>
    <name>PlatformHelp</name>
    <message>
        <location filename="../../desktop/platform_help.py" line="20"/>
        <source>Windows 11: Параметры → Bluetooth и устройства → Принтеры и сканеры → Добавить устройство (Windows 10: Параметры → Устройства → Принтеры и сканеры); драйвер — с сайта производителя.</source>
        <translation>Windows 11: Settings → Bluetooth &amp; devices → Printers &amp; scanners → Add device (Windows 10: Settings → Devices → Printers &amp; scanners); the driver comes from the maker&apos;s site.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="23"/>
        <source>Linux: добавьте принтер в CUPS — откройте http://localhost:631 (Администрирование → Добавить принтер) или выполните sudo lpadmin -p ИМЯ -E -v АДРЕС -m everywhere; список: lpstat -p.</source>
        <translation>Linux: add the printer to CUPS — open http://localhost:631 (Administration → Add Printer) or run sudo lpadmin -p NAME -E -v URI -m everywhere; list: lpstat -p.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="26"/>
        <source>macOS: Системные настройки → Принтеры и сканеры → «Добавить принтер».</source>
        <translation>macOS: System Settings → Printers &amp; Scanners → «Add Printer».</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="30"/>
        <source>Windows: Параметры → Принтеры и сканеры → принтер → Открыть очередь печати; снимите паузу и удалите зависшие документы.</source>
        <translation>Windows: Settings → Printers &amp; scanners → the printer → Open print queue; resume it and delete stuck documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="33"/>
        <source>Linux: состояние очереди — lpstat -p ИМЯ; остановленную очередь включите: cupsenable ИМЯ (или http://localhost:631 → Принтеры).</source>
        <translation>Linux: queue state — lpstat -p NAME; enable a stopped queue: cupsenable NAME (or http://localhost:631 → Printers).</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="36"/>
        <source>macOS: Системные настройки → Принтеры и сканеры → принтер → Открыть очередь печати → «Возобновить».</source>
        <translation>macOS: System Settings → Printers &amp; Scanners → the printer → Open Print Queue → «Resume».</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="41"/>
        <source>Windows 11: Параметры → Конфиденциальность и защита → Камера — включите доступ к камере для классических приложений (Windows 10: Параметры → Конфиденциальность → Камера).</source>
        <translation>Windows 11: Settings → Privacy &amp; security → Camera — turn on camera access for desktop apps (Windows 10: Settings → Privacy → Camera).</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="44"/>
        <source>Linux: камера должна быть видна в v4l2-ctl --list-devices (/dev/video0), а пользователь — в группе video: sudo usermod -aG video ИМЯ, затем выйдите из системы и войдите снова.</source>
        <translation>Linux: the camera must show in v4l2-ctl --list-devices (/dev/video0) and the user must be in the video group: sudo usermod -aG video NAME, then log out and in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="47"/>
        <source>macOS: Системные настройки → Конфиденциальность и безопасность → Камера — разрешите доступ программе Pickup Desk.</source>
        <translation>macOS: System Settings → Privacy &amp; Security → Camera — allow Pickup Desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="52"/>
        <source>Windows: Диспетчер устройств → Порты (COM и LPT) — сканер виден как «USB Serial Device (COMn)»; если его нет, установите драйвер виртуального COM-порта от производителя сканера.</source>
        <translation>Windows: Device Manager → Ports (COM &amp; LPT) — the scanner shows as «USB Serial Device (COMn)»; if it does not, install the scanner maker&apos;s virtual COM port driver.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="55"/>
        <source>Linux: сканер появляется как /dev/ttyACM0 или /dev/ttyUSB0 — проверьте: ls /dev/ttyACM* /dev/ttyUSB*; если его нет, переключите сканер в режим USB-COM (CDC).</source>
        <translation>Linux: the scanner shows as /dev/ttyACM0 or /dev/ttyUSB0 — check: ls /dev/ttyACM* /dev/ttyUSB*; if it does not, switch the scanner to USB-COM (CDC) mode.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="58"/>
        <source>macOS: сканер появляется как /dev/cu.usbmodem… — проверьте: ls /dev/cu.*; если его нет, переключите сканер в режим USB-COM (CDC).</source>
        <translation>macOS: the scanner shows as /dev/cu.usbmodem… — check: ls /dev/cu.*; if it does not, switch the scanner to USB-COM (CDC) mode.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="63"/>
        <source>Windows: закройте другие программы, которые используют порт, и проверьте скорость порта (Диспетчер устройств → Порты (COM и LPT) → свойства порта).</source>
        <translation>Windows: close other programs that use the port and check its speed (Device Manager → Ports (COM &amp; LPT) → port properties).</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="66"/>
        <source>Linux: пользователь должен быть в группе dialout: sudo usermod -aG dialout ИМЯ, затем выйдите из системы и войдите снова; закройте другие программы, которые используют порт.</source>
        <translation>Linux: the user must be in the dialout group: sudo usermod -aG dialout NAME, then log out and in again; close other programs that use the port.</translation>
    </message>
    <message>
        <location filename="../../desktop/platform_help.py" line="69"/>
        <source>macOS: закройте другие программы, которые используют порт, и проверьте скорость порта.</source>
        <translation>macOS: close other programs that use the port and check its speed.</translation>
    </message>
</context>
<context>
    <name>PrintUi</name>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="118"/>
        <source>Документ не напечатан</source>
        <translation>Document not printed</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="120"/>
        <source>Печатать ещё раз</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="122"/>
        <source>Закрыть (документ сохранён)</source>
        <translation>Close (the document is saved)</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="37"/>
        <source>Настройки печати</source>
        <translation>Print settings</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="44"/>
        <source>В системе нет ни одного принтера. Установите принтер и откройте это окно снова. {0}</source>
        <translation>No printer is installed. Install a printer and open this window again. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="60"/>
        <source>Принтер по умолчанию</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="65"/>
        <source>{0} (не найден)</source>
        <translation>{0} (not found)</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="67"/>
        <source>Пробная страница</source>
        <translation>Test page</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/print_ui.py" line="90"/>
        <source>Пробная страница отправлена на «{0}». Проверьте, что она напечаталась.</source>
        <translation>Test page sent to «{0}». Check that it printed.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/hardware/printing.py" line="61"/>
        <source>документы A4</source>
        <translation>A4 documents</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/printing.py" line="62"/>
        <source>квитанции о выдаче</source>
        <translation>handover receipts</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/printing.py" line="63"/>
        <source>этикетки</source>
        <translation>labels</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/printing.py" line="152"/>
        <source>Этикетки</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/printing.py" line="209"/>
        <source>{0}×{1} мм</source>
        <translation>{0}×{1} mm</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/printing.py" line="214"/>
        <source>по умолчанию</source>
        <translation>default</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="29"/>
        <source>чек напечатан кассой</source>
        <translation>printed by the cash register</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="30"/>
        <source>без кассы: нефискальный документ</source>
        <translation>no cash register: not a fiscal document</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="31"/>
        <source>касса ещё не ответила</source>
        <translation>the cash register has not answered yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="32"/>
        <source>касса не напечатала чек</source>
        <translation>the cash register did not print it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="78"/>
        <source>Кассовый чек</source>
        <translation>Cash receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="79"/>
        <source>Чек: {0}.</source>
        <translation>Receipt: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="81"/>
        <source>ФД № {0}, ФП {1}.</source>
        <translation>FD No. {0}, FP {1}.</translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="67"/>
        <source>Время</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="67"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="67"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="67"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="68"/>
        <source>Результат</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="70"/>
        <source>Последние сканирования:</source>
        <translation>Last scans:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="72"/>
        <source>Поставка</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="73"/>
        <source>Без накладной</source>
        <translation>No manifest</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="75"/>
        <location filename="../../ui/pages/receiving_page.py" line="258"/>
        <source>Повреждение</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="279"/>
        <source>Закрыть приёмку</source>
        <translation>Close receiving</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="103"/>
        <source>Ожидается</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="104"/>
        <location filename="../../ui/pages/receiving_page.py" line="208"/>
        <location filename="../../ui/pages/receiving_page.py" line="310"/>
        <source>Принято</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="105"/>
        <source>Не хватает</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="106"/>
        <source>Излишки</source>
        <translation>Surplus</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="107"/>
        <source>Чужие</source>
        <translation>Foreign</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="160"/>
        <source>Поставка {0}: сканируйте коробки.</source>
        <translation>Shipment {0}: scan the boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="162"/>
        <source>Приёмка без накладной: сканируйте коробки.</source>
        <translation>Receiving without a manifest: scan the boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="169"/>
        <source>Приёмка открыта</source>
        <translation>Receiving open</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="169"/>
        <source>Сканируйте коробки по одной.</source>
        <translation>Scan the boxes one by one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="181"/>
        <source>Приёмка не начата</source>
        <translation>Receiving not started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="83"/>
        <source>Приёмка не начата. F2 — номер поставки, F3 — без накладной.</source>
        <translation>Receiving not started. F2 — shipment number, F3 — without a manifest.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="58"/>
        <source>номер поставки (накладной) и Enter</source>
        <translation>shipment (manifest) number and Enter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="74"/>
        <source>Отменить скан</source>
        <translation>Undo scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="76"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="77"/>
        <source>Акт</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="108"/>
        <source>Из другой поставки</source>
        <translation>From another shipment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="109"/>
        <source>Принято ранее</source>
        <translation>Received earlier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="165"/>
        <source>Приёмка продолжена</source>
        <translation>Receiving resumed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="166"/>
        <source>Приёмку начал(а) {0} в {1}; отсканировано коробок: {2}. Продолжайте с того же места.</source>
        <translation>Receiving started by {0} at {1}; boxes scanned: {2}. Carry on from where it stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="182"/>
        <source>Нажмите F2 и введите номер поставки или F3 — приёмка без накладной.</source>
        <translation>Press F2 and enter the shipment number, or F3 to receive without a manifest.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="197"/>
        <source>Заказ {0}: коробка {1}</source>
        <translation>Order {0}: box {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="203"/>
        <source>Заказ {0}, коробка {1}.</source>
        <translation>Order {0}, box {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="205"/>
        <source>Изделие вернулось из сервиса по гарантийной заявке {0}.</source>
        <translation>The item is back from service under warranty claim {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="207"/>
        <source>Заказ прибыл полностью — клиенту уйдёт SMS.</source>
        <translation>The order has fully arrived — the customer gets an SMS.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="210"/>
        <source>Коробка из другой поставки ({0})</source>
        <translation>Box from another shipment ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="211"/>
        <source>Заказ {0}, коробка {1}. Коробка нашего пункта, но из другой накладной: принята, попадёт в акт этой приёмки.</source>
        <translation>Order {0}, box {1}. A box of this point but from another waybill: received, it goes into this receiving&apos;s act.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="214"/>
        <location filename="../../ui/pages/receiving_page.py" line="311"/>
        <source>Повтор</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="214"/>
        <source>Коробка {0} уже принята. Отложите её к остальным.</source>
        <translation>Box {0} is already received. Put it with the others.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="216"/>
        <location filename="../../ui/pages/receiving_page.py" line="312"/>
        <source>Излишек</source>
        <translation>Surplus</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="217"/>
        <source>Коробки {0} нет в этой накладной. Принята как излишек — она попадёт в акт.</source>
        <translation>Box {0} is not on this manifest. Received as surplus — it goes into the report.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="219"/>
        <location filename="../../ui/pages/receiving_page.py" line="313"/>
        <source>Чужая коробка</source>
        <translation>Foreign box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="220"/>
        <source>Коробка {0} адресована другому пункту выдачи. Отложите её для возврата.</source>
        <translation>Box {0} is addressed to another pickup point. Set it aside for return.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="222"/>
        <location filename="../../ui/pages/receiving_page.py" line="314"/>
        <source>Заказ отменён</source>
        <translation>Order cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="223"/>
        <source>Заказ {0} отменён. Не размещайте коробку: отложите её для возврата.</source>
        <translation>Order {0} is cancelled. Do not shelve the box: set it aside for return.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="224"/>
        <source>Не коробка</source>
        <translation>Not a box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="247"/>
        <location filename="../../ui/pages/receiving_page.py" line="318"/>
        <source>Отменено</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="248"/>
        <source>Сканирование отменено</source>
        <translation>Scan undone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="249"/>
        <source>Коробка {0} снова считается не принятой.</source>
        <translation>Box {0} counts as not received again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="256"/>
        <source>Нет коробки</source>
        <translation>No box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="256"/>
        <source>Сначала отсканируйте повреждённую коробку.</source>
        <translation>Scan the damaged box first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="259"/>
        <source>Коробка {0}. Опишите повреждение:</source>
        <translation>Box {0}. Describe the damage:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="272"/>
        <location filename="../../ui/pages/receiving_page.py" line="273"/>
        <source>Повреждение отмечено</source>
        <translation>Damage recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="273"/>
        <source>Коробка {0} попадёт в акт.</source>
        <translation>Box {0} goes into the report.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="280"/>
        <source>Закрыть приёмку и сформировать акт расхождений?</source>
        <translation>Close receiving and produce the discrepancy report?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="292"/>
        <source>Приёмка закрыта. Сканируйте следующую накладную (или F2), F3 — без неё.</source>
        <translation>Receiving closed. Scan the next waybill (or F2), F3 — without one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="297"/>
        <source>F11 — напечатать акт.</source>
        <translation>F11 — print the report.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="299"/>
        <location filename="../../ui/pages/receiving_page.py" line="304"/>
        <source>Приёмка закрыта с расхождениями</source>
        <translation>Receiving closed with discrepancies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="301"/>
        <source>Приёмка закрыта без расхождений</source>
        <translation>Receiving closed without discrepancies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="305"/>
        <source>Акт расхождений напечатан.</source>
        <translation>Discrepancy report printed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="315"/>
        <source>Коробка из другой поставки</source>
        <translation>Box from another shipment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="316"/>
        <source>Принята на другом рабочем месте</source>
        <translation>Received at another counter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="328"/>
        <source>Принято: {0}; не хватает: {1}; излишки: {2}; чужие: {3}; отменённые: {4}; повреждено: {5}.</source>
        <translation>Received: {0}; missing: {1}; surplus: {2}; foreign: {3}; cancelled: {4}; damaged: {5}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="333"/>
        <source>Из другой поставки: {0}.</source>
        <translation>From another shipment: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receiving_page.py" line="338"/>
        <source>Не хватает: {0}</source>
        <translation>Missing: {0}</translation>
    </message>
</context>
<context>
    <name>RegisterCall</name>
    <message>
        <location filename="../../ui/pages/register_call.py" line="27"/>
        <source>Касса не напечатала чек</source>
        <translation>The cash register did not print the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_call.py" line="29"/>
        <source>Повторить</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_call.py" line="30"/>
        <source>Отмена</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_call.py" line="42"/>
        <source>Касса печатает чек… Не закрывайте программу.</source>
        <translation>The cash register is printing the receipt… Do not close the program.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_call.py" line="49"/>
        <source>Печать чека</source>
        <translation>Printing the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_call.py" line="71"/>
        <source>Касса: чек не напечатан</source>
        <translation>Cash register: receipt not printed</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="24"/>
        <source>НЕ напечатан</source>
        <translation>NOT printed</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="25"/>
        <source>напечатан</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="26"/>
        <source>не печатался</source>
        <translation>never printed</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="41"/>
        <source>Печатать ещё раз</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="49"/>
        <source>Напечатанных документов пока нет.</source>
        <translation>No printed documents yet.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="50"/>
        <source>Печатать</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="54"/>
        <source>Показать на экране</source>
        <translation>Show on screen</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="57"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/reprint_dialog.py" line="88"/>
        <source>Отправлено на печать: {0}</source>
        <translation>Sent to the printer: {0}</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="41"/>
        <source>Возврат: F5 — начать сессию, затем сканируйте коробки из списка.</source>
        <translation>Returns: F5 starts a session, then scan the boxes from the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="44"/>
        <location filename="../../ui/pages/returns_page.py" line="54"/>
        <location filename="../../ui/pages/returns_page.py" line="59"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="45"/>
        <location filename="../../ui/pages/returns_page.py" line="54"/>
        <source>Клиент</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="46"/>
        <source>Телефон</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="47"/>
        <source>Хранение до</source>
        <translation>Stored until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="48"/>
        <source>Ячейки</source>
        <translation>Cells</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="50"/>
        <source>Истекает сегодня</source>
        <translation>Expires today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="51"/>
        <source>Истекает завтра</source>
        <translation>Expires tomorrow</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="54"/>
        <location filename="../../ui/pages/returns_page.py" line="59"/>
        <source>Причина</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="54"/>
        <source>Статус</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="54"/>
        <source>Коробки к возврату</source>
        <translation>Boxes to return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="55"/>
        <source>К возврату</source>
        <translation>To return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="59"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="59"/>
        <source>Место</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="60"/>
        <source>Сессия возврата</source>
        <translation>Return session</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="64"/>
        <source>Начать возврат</source>
        <translation>Start return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="65"/>
        <source>Продлить хранение</source>
        <translation>Extend storage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="66"/>
        <source>Обновить</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="67"/>
        <source>Закрыть возврат</source>
        <translation>Close return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="68"/>
        <source>Акт</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="122"/>
        <source>К возврату ({0})</source>
        <translation>To return ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="139"/>
        <source>Продолжение возврата</source>
        <translation>Return resumed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="140"/>
        <source>Сессия возврата не была закрыта. В ней уже коробок: {0}. Продолжайте сканировать.</source>
        <translation>The return session was not closed. Boxes already in it: {0}. Keep scanning.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="147"/>
        <source>Сессия возврата не начата</source>
        <translation>No return session</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="148"/>
        <source>Нажмите F5, чтобы начать возврат, и отсканируйте коробку снова.</source>
        <translation>Press F5 to start a return and scan the box again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="158"/>
        <source>Повтор: {0}</source>
        <translation>Repeat: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="158"/>
        <source>Эта коробка уже в возврате.</source>
        <translation>This box is already in the return.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="163"/>
        <source> Заказ возвращён полностью.</source>
        <translation> The order is fully returned.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="165"/>
        <source>В возврат: {0}</source>
        <translation>Returned: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="166"/>
        <source>Заказ {0}, коробка {1} из {2}, ячейка {3}.{4}</source>
        <translation>Order {0}, box {1} of {2}, cell {3}.{4}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="177"/>
        <source>Сессия уже открыта</source>
        <translation>Session already open</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="177"/>
        <source>Сканируйте коробки из списка.</source>
        <translation>Scan the boxes from the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="207"/>
        <source>Возврат закрыт: {0}, {1}. Акт возврата сформирован.</source>
        <translation>Return closed: {0}, {1}. Return report produced.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/returns_page.py" line="208"/>
        <source>%n коробок</source>
        <translation>
            <numerusform>%n box</numerusform>
            <numerusform>%n boxes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/returns_page.py" line="208"/>
        <source>%n заказов</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="268"/>
        <source>{0} — {1} шт.</source>
        <translation>{0} — {1} pcs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="136"/>
        <location filename="../../ui/pages/returns_page.py" line="187"/>
        <source>Идёт возврат: сканируйте коробки заказов из списка «К возврату». F9 — закрыть и получить акт.</source>
        <translation>Return in progress: scan the boxes of the orders in “To return”. F9 closes it and produces the report.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="189"/>
        <source>Возврат начат</source>
        <translation>Return started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="189"/>
        <source>Сканируйте коробки.</source>
        <translation>Scan the boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="212"/>
        <location filename="../../ui/pages/returns_page.py" line="216"/>
        <source>Возврат закрыт</source>
        <translation>Return closed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="211"/>
        <source>Коробок: {0}.</source>
        <translation>Boxes: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="217"/>
        <source>Акт возврата напечатан: передайте его перевозчику вместе с коробками.</source>
        <translation>Return report printed: give it to the carrier with the boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="238"/>
        <source>Только менеджер</source>
        <translation>Manager only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="238"/>
        <source>Продлить хранение может менеджер.</source>
        <translation>Only a manager can extend storage.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="242"/>
        <source>Заказ не выбран</source>
        <translation>No order selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="242"/>
        <source>Выберите заказ в списке.</source>
        <translation>Select an order in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="245"/>
        <source>Продление хранения</source>
        <translation>Storage extension</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="245"/>
        <source>На сколько дней продлить заказ {0}?</source>
        <translation>Extend order {0} by how many days?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="253"/>
        <source>Хранение продлено</source>
        <translation>Storage extended</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns_page.py" line="254"/>
        <source>Заказ {0} хранится до {1}.</source>
        <translation>Order {0} is kept until {1}.</translation>
    </message>
</context>
<context>
    <name>ScanDispatcher</name>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="63"/>
        <source>Код не распознан</source>
        <translation>Code not recognised</translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="94"/>
        <source>Этот код здесь не нужен</source>
        <translation>This code is not used here</translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="95"/>
        <source>Отсканирован код вида «{0}», но на этом экране он не используется.</source>
        <translation>A “{0}” code was scanned, but this screen does not use it.</translation>
    </message>
</context>
<context>
    <name>ScanKinds</name>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="41"/>
        <location filename="../../ui/scan_dispatch.py" line="106"/>
        <source>номер заказа</source>
        <translation>order number</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="42"/>
        <location filename="../../ui/scan_dispatch.py" line="107"/>
        <source>коробка</source>
        <translation>box</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="43"/>
        <location filename="../../ui/scan_dispatch.py" line="108"/>
        <source>ячейка хранения</source>
        <translation>storage cell</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="44"/>
        <location filename="../../ui/scan_dispatch.py" line="109"/>
        <source>клубная карта</source>
        <translation>club card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="45"/>
        <source>бейдж сотрудника</source>
        <translation>staff badge</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="48"/>
        <location filename="../../ui/scan_dispatch.py" line="113"/>
        <source>накладная поставки</source>
        <translation>shipment waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="49"/>
        <source>гарантийная заявка</source>
        <translation>warranty claim</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="50"/>
        <location filename="../../ui/scan_dispatch.py" line="115"/>
        <source>этикетка изделия для сервиса</source>
        <translation>service label of an item</translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="110"/>
        <source>пропуск сотрудника</source>
        <translation>staff badge</translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="114"/>
        <source>номер гарантийной заявки</source>
        <translation>warranty claim number</translation>
    </message>
    <message>
        <location filename="../../ui/scan_dispatch.py" line="116"/>
        <source>подарочный сертификат</source>
        <translation>gift certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="46"/>
        <location filename="../../ui/scan_dispatch.py" line="111"/>
        <source>QR-код получения</source>
        <translation>pickup QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/receiving/service.py" line="47"/>
        <location filename="../../ui/scan_dispatch.py" line="112"/>
        <source>код получения</source>
        <translation>pickup code</translation>
    </message>
</context>
<context>
    <name>ScanRouting</name>
    <message>
        <location filename="../../desktop/scan_routing.py" line="143"/>
        <source>{head}…{tail} ({length} симв.)</source>
        <translation>{head}…{tail} ({length} chars)</translation>
    </message>
</context>
<context>
    <name>ScannerWizard</name>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="42"/>
        <source>пробел</source>
        <translation>space</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="103"/>
        <source>Настройка сканера штрихкодов</source>
        <translation>Barcode scanner setup</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="122"/>
        <source>1. Щёлкните в поле ниже.  2. Отсканируйте этот код с экрана или с распечатки.  Программа покажет, что передаёт сканер, и подберёт настройки.</source>
        <translation>1. Click in the box below.  2. Scan this code from the screen or from a printout.  The program shows what the scanner sends and finds the settings.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="131"/>
        <source>Что передал сканер (клавиши и паузы):</source>
        <translation>What the scanner sent (keys and pauses):</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="146"/>
        <source>Тестовый код: {0}</source>
        <translation>Test code: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="147"/>
        <source>Напечатать тестовый код…</source>
        <translation>Print the test code…</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="155"/>
        <source>Сканировать ещё раз</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="157"/>
        <source>Сохранить настройки</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="160"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="173"/>
        <source>Сканер на COM-порту (вместо клавиатурного режима)</source>
        <translation>Scanner on a COM port (instead of keyboard mode)</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="177"/>
        <source>порт</source>
        <translation>port</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="180"/>
        <source>COM-портов нет</source>
        <translation>No COM ports</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="183"/>
        <source>{0} бод</source>
        <translation>{0} baud</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="184"/>
        <source>Подключить</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="186"/>
        <source>Порт:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="186"/>
        <source>Скорость:</source>
        <translation>Speed:</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="219"/>
        <source>+{0}мс</source>
        <translation>+{0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="262"/>
        <source>COM-портов нет: подключите сканер кабелем USB-COM. {0}</source>
        <translation>No COM ports: connect the scanner with a USB-COM cable. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="268"/>
        <source>Порт {0} не открывается ({1}). {2}</source>
        <translation>Port {0} does not open ({1}). {2}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="273"/>
        <source>Порт {0} открыт. Отсканируйте тестовый код.</source>
        <translation>Port {0} is open. Scan the test code.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="298"/>
        <source>Тестовый код прочитан неправильно.</source>
        <translation>The test code was read incorrectly.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="300"/>
        <source>Код прочитан, настройки подобраны.</source>
        <translation>The code was read; settings found.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="301"/>
        <source>Сканер работает правильно.</source>
        <translation>The scanner works correctly.</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="309"/>
        <source>английская</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="310"/>
        <source>русская (будет исправлена)</source>
        <translation>Russian (will be corrected)</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="311"/>
        <source>не определена</source>
        <translation>not detected</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="316"/>
        <source>нет</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="317"/>
        <source>Префикс: {0}; суффикс: {1}; конец кода: {2}</source>
        <translation>Prefix: {0}; suffix: {1}; end of code: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="318"/>
        <source>Самая длинная пауза между символами: {0} мс → порог {1} мс</source>
        <translation>Longest pause between characters: {0} ms → threshold {1} ms</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="322"/>
        <source>Пришло: {0}</source>
        <translation>Received: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="326"/>
        <source>Раскладка: {0}</source>
        <translation>Keyboard layout: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/hardware/scanner_wizard.py" line="357"/>
        <source>Тестовый код сканера: {0}</source>
        <translation>Scanner test code: {0}</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <location filename="../../desktop/selftest/report.py" line="45"/>
        <source>Каталог данных</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="46"/>
        <source>Каталог журналов</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="22"/>
        <source>суффикс {0}, префикс {1}, интервал ≤ {2} мс, длина ≥ {3}</source>
        <translation>suffix {0}, prefix {1}, interval ≤ {2} ms, length ≥ {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="55"/>
        <source>Сканер</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="31"/>
        <source>суффикс должен быть Enter или Tab, иначе конец скана не распознаётся</source>
        <translation>the suffix must be Enter or Tab, otherwise the end of a scan is not recognised</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="36"/>
        <source>интервал меньше 10 мс: медленный сканер будет принят за ручной ввод</source>
        <translation>interval below 10 ms: a slow scanner will be taken for typing</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="38"/>
        <source>интервал больше 100 мс: быстрый ручной ввод будет принят за скан</source>
        <translation>interval above 100 ms: fast typing will be taken for a scan</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="56"/>
        <source>Принтеры</source>
        <translation>Printers</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="48"/>
        <source>не найдены настроенные принтеры {0}; в системе: {1}</source>
        <translation>configured printers not found: {0}; installed: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="50"/>
        <location filename="../../desktop/selftest/local.py" line="82"/>
        <source>нет</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="53"/>
        <source>в системе нет ни одного принтера: этикетки и акты не напечатать</source>
        <translation>no printer installed: labels and acts cannot be printed</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="57"/>
        <source>Камеры</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="66"/>
        <source>камер нет: QR-коды можно читать только сканером</source>
        <translation>no cameras: QR codes can only be read with the scanner</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="72"/>
        <location filename="../../desktop/selftest/devices.py" line="89"/>
        <source>не проверялось (без графической части)</source>
        <translation>not checked (without the graphical part)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="79"/>
        <source>модуль платформы не найден</source>
        <translation>platform plugin not found</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="83"/>
        <source>окно программы не откроется: {0}</source>
        <translation>the program window will not open: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="95"/>
        <source>список не получен ({0})</source>
        <translation>list not available ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="101"/>
        <source>сборка</source>
        <translation>bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="101"/>
        <source>исходники</source>
        <translation>sources</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="127"/>
        <source>библиотека распознавания не найдена: {0}</source>
        <translation>decoding library not found: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="47"/>
        <source>Штрихкоды</source>
        <translation>Barcodes</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="110"/>
        <source>печать/распознавание не работает ({0}); {1}</source>
        <translation>printing/reading does not work ({0}); {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="112"/>
        <source>печать и распознавание работают (zbar: {0}); {1}</source>
        <translation>printing and reading work (zbar: {0}); {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/devices.py" line="136"/>
        <source>прочитано {0} вместо {1}</source>
        <translation>read {0} instead of {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="20"/>
        <source>встроенные значения по умолчанию</source>
        <translation>built-in defaults</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="42"/>
        <source>Настройки</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="21"/>
        <source>прочитаны: {0}</source>
        <translation>read: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="43"/>
        <source>Переменные окружения</source>
        <translation>Environment variables</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="25"/>
        <source>неизвестные переменные (опечатка?): {0}</source>
        <translation>unknown variables (a typo?): {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="44"/>
        <source>Сертификаты</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="28"/>
        <source>файл ca_bundle {0} не найден</source>
        <translation>ca_bundle file {0} not found</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="38"/>
        <source>{0}: запись невозможна ({1})</source>
        <translation>{0}: cannot write ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="49"/>
        <source>База данных</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="47"/>
        <source>{0} ещё не создана (создастся при первом запуске)</source>
        <translation>{0} does not exist yet (created at the first start)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="52"/>
        <source>{0} не открывается ({1})</source>
        <translation>{0} does not open ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="55"/>
        <source>файл {0} повреждён ({1}). Запустите программу: она сохранит неотправленные действия и предложит восстановить базу из резервной копии или загрузить её заново с сервера</source>
        <translation>the file {0} is damaged ({1}). Start the program: it saves the unsent actions and offers to restore the database from a backup or to load it again from the server</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="60"/>
        <source>{0}: целостность в порядке</source>
        <translation>{0}: integrity is fine</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="50"/>
        <source>Схема базы</source>
        <translation>Database schema</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="72"/>
        <source>{0} не читается ({1})</source>
        <translation>{0} cannot be read ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="76"/>
        <source>ревизия {0} (актуальная)</source>
        <translation>revision {0} (current)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="79"/>
        <source>ревизия {0} новее программы: обновите программу</source>
        <translation>revision {0} is newer than the program: update the program</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="81"/>
        <source>ревизия {0}, актуальная {1}: обновится при запуске (с резервной копией)</source>
        <translation>revision {0}, current {1}: upgraded at start (with a backup)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="51"/>
        <source>Регистрация</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="111"/>
        <source>{0} повреждён ({1}); зарегистрируйте заново</source>
        <translation>{0} is damaged ({1}); enrol again</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="116"/>
        <source>встроенный демо-сервер (регистрация при первом запуске)</source>
        <translation>embedded demo server (enrolled at the first start)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="119"/>
        <source>компьютер не зарегистрирован: выполните PickupDesk --enrol АДРЕС КОД</source>
        <translation>this computer is not enrolled: run PickupDesk --enrol ADDRESS CODE</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="130"/>
        <source>в {0} нет полей {1}</source>
        <translation>{0} lacks the fields {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="133"/>
        <source>компьютер зарегистрирован на пункт {0}, а в настройках указан {1}</source>
        <translation>this computer is enrolled at point {0}, but the settings name {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="137"/>
        <source>пункт {0}, устройство {1}</source>
        <translation>point {0}, device {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="52"/>
        <source>Права на device.json</source>
        <translation>device.json permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/local.py" line="140"/>
        <source>файл доступен другим пользователям (нужно 0600)</source>
        <translation>the file is readable by other users (0600 needed)</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="32"/>
        <source>[ВНИМ]</source>
        <translation>[WARN]</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="33"/>
        <source>[СБОЙ]</source>
        <translation>[DEGR]</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="34"/>
        <source>[ОШИБ]</source>
        <translation>[FAIL]</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="36"/>
        <source>компьютер готов к работе</source>
        <translation>the PC is ready to work</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="37"/>
        <source>работа возможна, но не полностью — см. [СБОЙ] выше</source>
        <translation>the PC works, but not fully — see [DEGR] above</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="38"/>
        <source>работать нельзя — см. [ОШИБ] выше</source>
        <translation>the PC cannot work — see [FAIL] above</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="48"/>
        <source>Графическая платформа Qt</source>
        <translation>Qt graphics platform</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="96"/>
        <source>Самопроверка: {0}</source>
        <translation>Self-test: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="99"/>
        <source>Итог: {0} (код выхода {1})</source>
        <translation>Result: {0} (exit code {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="53"/>
        <source>Сервер</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="87"/>
        <source>встроенный демо-сервер запускается вместе с программой</source>
        <translation>the embedded demo server starts with the program</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="101"/>
        <source>{0} отвечает, версия сервера {1}</source>
        <translation>{0} answers, server version {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="108"/>
        <source>Программа работает офлайн.</source>
        <translation>The program works offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="113"/>
        <source>{0} (схема событий {1})</source>
        <translation>{0} (event schema {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/report.py" line="54"/>
        <source>Ключ устройства</source>
        <translation>Device key</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="127"/>
        <source>не удалось проверить ({0})</source>
        <translation>could not check ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="131"/>
        <source>сервер не принимает ключ (регистрация отозвана?): зарегистрируйте компьютер заново</source>
        <translation>the server does not accept the key (enrolment revoked?): enrol this computer again</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="135"/>
        <source>сервер ответил HTTP {0}</source>
        <translation>the server answered HTTP {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/selftest/server.py" line="137"/>
        <source>сервер принимает ключ</source>
        <translation>the server accepts the key</translation>
    </message>
    <message numerus="yes">
        <location filename="../../build/lupdate/domain_messages.py" line="394"/>
        <source>минимальная длина {0} больше кода получения (%n цифр)</source>
        <translation>
            <numerusform>the minimum length {0} is longer than the pickup code (%n digit)</numerusform>
            <numerusform>the minimum length {0} is longer than the pickup code (%n digits)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <location filename="../../ui/shift_actions.py" line="73"/>
        <source>Смена не закрыта</source>
        <translation>Shift not closed</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="74"/>
        <source>Приёмка, возврат или отправка в сервис остались открытыми.</source>
        <translation>Receiving, a return or a service dispatch was left open.</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="87"/>
        <source>{0} — начата {1}, {2}; принято коробок: {3}</source>
        <translation>{0} — started {1}, {2}; boxes received: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="88"/>
        <source>без накладной</source>
        <translation>without a waybill</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="90"/>
        <source>Возврат — начат {0}, {1}; коробок в возврате: {2}</source>
        <translation>Return — started {0}, {1}; boxes in the return: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="92"/>
        <source>Отправка в сервис — начата {0}, {1}; изделий: {2}</source>
        <translation>Service dispatch — started {0}, {1}; items: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="94"/>
        <source>Незаконченная приёмка, возврат или отправка в сервис</source>
        <translation>Unfinished receiving, return or service dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="95"/>
        <source>Не закончены:</source>
        <translation>Not finished:</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="96"/>
        <source>Закрыть с актом</source>
        <translation>Close with the act</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="97"/>
        <source>Передать следующей смене</source>
        <translation>Hand over to the next shift</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="98"/>
        <source>Отмена</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="127"/>
        <location filename="../../ui/shift_actions.py" line="166"/>
        <source>Смена</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="128"/>
        <source>Смена не открыта. Открыть смену сейчас?</source>
        <translation>No shift is open. Open the shift now?</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="137"/>
        <source>Смена открыта</source>
        <translation>Shift opened</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="137"/>
        <source>Хорошей работы!</source>
        <translation>Have a good shift!</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="149"/>
        <source>Закрыто приёмок: {0}, акты сформированы.</source>
        <translation>Receiving sessions closed: {0}, their acts are made.</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="151"/>
        <source>Закрыто возвратов и отправок в сервис: {0}, их акты сформированы.</source>
        <translation>Returns and service dispatches closed: {0}, their acts are made.</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="153"/>
        <location filename="../../ui/shift_actions.py" line="159"/>
        <source>Смена закрыта</source>
        <translation>Shift closed</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="159"/>
        <source>Отчёт за смену напечатан.</source>
        <translation>Shift report printed.</translation>
    </message>
    <message>
        <location filename="../../ui/shift_actions.py" line="178"/>
        <source>Касса не выполнила команду</source>
        <translation>The cash register did not do it</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="58"/>
        <source>Печать копии</source>
        <translation>Print a copy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="59"/>
        <source>Закрыть</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="68"/>
        <source>Печать недоступна</source>
        <translation>Printing unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="69"/>
        <source>Принтеры не настроены в этой программе. Обратитесь к администратору.</source>
        <translation>Printers are not set up in this program. Contact the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/receipt_dialog.py" line="73"/>
        <source>Отправлено на печать</source>
        <translation>Sent to the printer</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/startup.py" line="89"/>
        <source>Создание демонстрационного пункта выдачи…</source>
        <translation>Creating the demo pickup point…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="98"/>
        <source>Обновление базы данных…</source>
        <translation>Updating the database…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="102"/>
        <source>Подключение к серверу…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="107"/>
        <source>Запуск синхронизации…</source>
        <translation>Starting sync…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="116"/>
        <source>Готово</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="162"/>
        <source>Регистрация рабочего места…</source>
        <translation>Enrolling this workstation…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="251"/>
        <source>{login} / {password} (пропуск {badge}, PIN {pin})</source>
        <translation>{login} / {password} (badge {badge}, PIN {pin})</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="254"/>
        <source>Демо: {people}</source>
        <translation>Demo: {people}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="35"/>
        <source>Ждут отправки</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="35"/>
        <source>Приняты</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="36"/>
        <source>Повторы</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="36"/>
        <source>Отклонены</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="37"/>
        <source>Конфликты</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42"/>
        <source>Когда</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42"/>
        <source>Что</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42"/>
        <source>Причина</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="47"/>
        <source>Требует разбора (отклонённые события, конфликты, сигналы):</source>
        <translation>To review (rejected events, conflicts, alerts):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="51"/>
        <source>Синхронизировать сейчас</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="52"/>
        <source>Разобрано</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="53"/>
        <source>Обновить</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="54"/>
        <source>Проверить журнал</source>
        <translation>Check journal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="68"/>
        <source>Синхронизация выключена: сервер не настроен.</source>
        <translation>Sync is off: no server configured.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="71"/>
        <source>на связи</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="71"/>
        <source>нет связи</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="71"/>
        <source>ещё не подключались</source>
        <translation>not connected yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="72"/>
        <source>Сервер: {0}. Последняя успешная синхронизация: {1}.</source>
        <translation>Server: {0}. Last successful sync: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="75"/>
        <source>Ошибка: {0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="77"/>
        <source>Следующая попытка через {0} с.</source>
        <translation>Next attempt in {0} s.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="79"/>
        <source>Нужно обновить программу; работа продолжается офлайн, очередь сохранена.</source>
        <translation>The program needs an update; work continues offline, the queue is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="81"/>
        <source>Компьютер нужно зарегистрировать заново (код регистрации у администратора).</source>
        <translation>This computer must be enrolled again (ask the administrator for a code).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="93"/>
        <source>Самое старое неотправленное событие: {0}.</source>
        <translation>Oldest unsent event: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="100"/>
        <source>Сервер не настроен</source>
        <translation>No server configured</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="100"/>
        <source>Синхронизировать не с чем.</source>
        <translation>Nothing to sync with.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="103"/>
        <source>Синхронизация запущена</source>
        <translation>Sync started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="103"/>
        <source>Статус обновится через несколько секунд.</source>
        <translation>The status updates in a few seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="109"/>
        <source>Ничего не выбрано</source>
        <translation>Nothing selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="109"/>
        <source>Выберите строку в списке.</source>
        <translation>Select a row in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="116"/>
        <source>Отмечено как разобранное</source>
        <translation>Marked as reviewed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync_page.py" line="131"/>
        <source>Журнал цел: %n записей</source>
        <translation>
            <numerusform>Journal intact: %n entry</numerusform>
            <numerusform>Journal intact: %n entries</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="132"/>
        <source>Ни одна запись не изменена и не удалена.</source>
        <translation>No entry has been changed or deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="135"/>
        <source>Перед записью №{0} запись удалена или вставлена.</source>
        <translation>An entry before entry no. {0} was deleted or inserted.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="137"/>
        <source>Запись №{0} изменена после того, как была сделана.</source>
        <translation>Entry no. {0} was changed after it was written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="128"/>
        <location filename="../../ui/pages/sync_page.py" line="139"/>
        <source>Журнал повреждён</source>
        <translation>Journal damaged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="141"/>
        <source>Записей до неё проверено: {0}. Сообщите администратору.</source>
        <translation>Entries checked before it: {0}. Tell the administrator.</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../desktop/state_names.py" line="23"/>
        <source>создан</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="24"/>
        <source>в пути</source>
        <translation>in transit</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="25"/>
        <source>прибыл частично</source>
        <translation>partially arrived</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="26"/>
        <source>прибыл</source>
        <translation>arrived</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="27"/>
        <source>готов к выдаче</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="28"/>
        <source>выдан</source>
        <translation>handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="29"/>
        <source>выдан частично</source>
        <translation>partially handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="30"/>
        <location filename="../../desktop/state_names.py" line="50"/>
        <source>отказ</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="31"/>
        <source>возвращён</source>
        <translation>returned</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="32"/>
        <source>отменён</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="35"/>
        <source>ожидается</source>
        <translation>expected</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="36"/>
        <source>принята</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="37"/>
        <source>в ячейке</source>
        <translation>in a cell</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="38"/>
        <source>выдана</source>
        <translation>handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="39"/>
        <source>возвращена</source>
        <translation>returned</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="42"/>
        <source>отправка</source>
        <translation>shipping</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="43"/>
        <source>приёмка коробки</source>
        <translation>receiving a box</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="44"/>
        <source>приёмка заказа</source>
        <translation>receiving the order</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="45"/>
        <source>отмена приёмки коробки</source>
        <translation>undoing a box&apos;s receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="46"/>
        <source>отмена приёмки заказа</source>
        <translation>undoing the order&apos;s receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="47"/>
        <source>готовность к выдаче</source>
        <translation>making ready for pickup</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="48"/>
        <source>выдача</source>
        <translation>handover</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="49"/>
        <source>частичная выдача</source>
        <translation>partial handover</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="51"/>
        <source>возврат</source>
        <translation>return</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="52"/>
        <source>отмена</source>
        <translation>cancellation</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="55"/>
        <source>выдача идёт</source>
        <translation>handover in progress</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="56"/>
        <source>выдача завершена</source>
        <translation>handover completed</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="60"/>
        <source>оформлена, изделие не сдано</source>
        <translation>filed, item not brought in</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="61"/>
        <source>изделие принято, ждёт отправки в сервис</source>
        <translation>item taken in, waiting to go to service</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="62"/>
        <source>в сервисе</source>
        <translation>at the service centre</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="63"/>
        <source>возвращается из сервиса</source>
        <translation>coming back from service</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="64"/>
        <source>ждёт клиента</source>
        <translation>waiting for the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="65"/>
        <source>закрыта</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="68"/>
        <source>приём изделия</source>
        <translation>item intake</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="69"/>
        <source>отправка в сервис</source>
        <translation>dispatch to service</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="70"/>
        <source>заключение сервиса</source>
        <translation>service conclusion</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="71"/>
        <source>поступление из сервиса</source>
        <translation>arrival from service</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="72"/>
        <source>отмена поступления из сервиса</source>
        <translation>arrival from service undone</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="73"/>
        <source>выдача клиенту</source>
        <translation>handover to the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="76"/>
        <source>отремонтировано</source>
        <translation>repaired</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="77"/>
        <source>заменено на новое</source>
        <translation>replaced with a new one</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="78"/>
        <source>в ремонте отказано</source>
        <translation>repair refused</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="79"/>
        <source>деньги возвращены сервисным центром</source>
        <translation>refunded by the service centre</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="82"/>
        <source>гарантийный ремонт</source>
        <translation>warranty repair</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="83"/>
        <source>платный ремонт</source>
        <translation>paid repair</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="86"/>
        <source>коробка</source>
        <translation>box</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="87"/>
        <source>зарядное устройство</source>
        <translation>charger</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="88"/>
        <source>кабель</source>
        <translation>cable</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="89"/>
        <source>аксессуары</source>
        <translation>accessories</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="90"/>
        <source>документы и инструкция</source>
        <translation>documents and manual</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="91"/>
        <source>царапины</source>
        <translation>scratches</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="92"/>
        <source>трещины</source>
        <translation>cracks</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="93"/>
        <source>вмятины</source>
        <translation>dents</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="94"/>
        <source>следы жидкости</source>
        <translation>traces of liquid</translation>
    </message>
    <message>
        <location filename="../../desktop/state_names.py" line="95"/>
        <source>нарушены пломбы</source>
        <translation>seals broken</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="50"/>
        <location filename="../../ui/pages/terms.py" line="14"/>
        <location filename="../../ui/pages/terms.py" line="32"/>
        <source>ждёт отправки</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="51"/>
        <location filename="../../ui/pages/terms.py" line="15"/>
        <source>в очереди</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="52"/>
        <location filename="../../ui/pages/terms.py" line="16"/>
        <source>отправляется</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="53"/>
        <location filename="../../ui/pages/terms.py" line="17"/>
        <source>отправлено</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="18"/>
        <source>доставлено</source>
        <translation>delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="54"/>
        <location filename="../../ui/pages/terms.py" line="19"/>
        <source>не доставлено</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="55"/>
        <location filename="../../ui/pages/terms.py" line="20"/>
        <source>статус неизвестен</source>
        <translation>status unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="56"/>
        <location filename="../../ui/pages/terms.py" line="21"/>
        <source>ждёт закрытия приёмки</source>
        <translation>waits for receiving to close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="22"/>
        <source>отменено: заказ не готов</source>
        <translation>cancelled: order not ready</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="59"/>
        <location filename="../../ui/pages/terms.py" line="25"/>
        <source>код получения</source>
        <translation>pickup code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="60"/>
        <location filename="../../ui/pages/terms.py" line="26"/>
        <source>напоминание</source>
        <translation>reminder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="27"/>
        <source>чек</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="28"/>
        <source>клубная карта</source>
        <translation>club card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="29"/>
        <source>поправка: заказ не готов</source>
        <translation>correction: order not ready</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="40"/>
        <source>подбор кодов получения</source>
        <translation>pickup codes guessed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="53"/>
        <location filename="../../ui/pages/terms.py" line="51"/>
        <source>частичный отказ</source>
        <translation>partial refusal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="92"/>
        <source>сигнал сервера</source>
        <translation>server signal</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="8"/>
        <location filename="../../desktop/action_names.py" line="33"/>
        <source>коробка принята</source>
        <translation>box received</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="9"/>
        <location filename="../../desktop/action_names.py" line="42"/>
        <source>приёмка коробки отменена</source>
        <translation>box receipt undone</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="10"/>
        <location filename="../../desktop/action_names.py" line="35"/>
        <source>отмечено повреждение</source>
        <translation>damage recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="11"/>
        <location filename="../../desktop/action_names.py" line="34"/>
        <source>коробка размещена</source>
        <translation>box placed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="12"/>
        <source>SMS отправлено повторно</source>
        <translation>SMS resent</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="13"/>
        <source>напоминание о сроке</source>
        <translation>expiry reminder</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="14"/>
        <source>выдача начата</source>
        <translation>handover started</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="15"/>
        <source>выдача продолжена</source>
        <translation>handover resumed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="16"/>
        <source>код получения подтверждён</source>
        <translation>pickup code confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="17"/>
        <source>неверный код получения</source>
        <translation>wrong pickup code</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="18"/>
        <source>документ проверен</source>
        <translation>ID document checked</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="19"/>
        <source>доверенность записана</source>
        <translation>power of attorney recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="20"/>
        <source>коробка отсканирована при выдаче</source>
        <translation>box scanned at handover</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="21"/>
        <source>отказ от позиции</source>
        <translation>line refused</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="22"/>
        <source>оплата принята</source>
        <translation>payment taken</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="23"/>
        <source>кредитный договор записан</source>
        <translation>credit agreement recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="24"/>
        <source>неверный PIN-код сертификата</source>
        <translation>wrong certificate PIN</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="25"/>
        <source>заказ выдан</source>
        <translation>order handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="26"/>
        <location filename="../../desktop/state_names.py" line="57"/>
        <source>выдача прервана</source>
        <translation>handover aborted</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="27"/>
        <location filename="../../ui/pages/terms.py" line="39"/>
        <source>заказ заблокирован</source>
        <translation>order locked</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="28"/>
        <source>заказ разблокирован</source>
        <translation>order unlocked</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="29"/>
        <source>заказ прибыл</source>
        <translation>order arrived</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="30"/>
        <source>заказ возвращён</source>
        <translation>order returned</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="31"/>
        <source>хранение продлено</source>
        <translation>storage extended</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="32"/>
        <location filename="../../desktop/action_names.py" line="36"/>
        <source>коробка в возврат</source>
        <translation>box returned</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="37"/>
        <source>запрос SMS</source>
        <translation>SMS requested</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="38"/>
        <source>начисление баллов</source>
        <translation>bonus accrual</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="39"/>
        <source>оплата баллами</source>
        <translation>payment with points</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="40"/>
        <source>продажа подарочного сертификата</source>
        <translation>gift certificate sale</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="41"/>
        <source>оплата подарочным сертификатом</source>
        <translation>payment with a gift certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="43"/>
        <source>смена открыта</source>
        <translation>shift opened</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="44"/>
        <source>документ отправлен на кассу</source>
        <translation>document sent to the cash register</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="45"/>
        <source>касса напечатала документ</source>
        <translation>cash register printed the document</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="46"/>
        <source>касса не напечатала документ</source>
        <translation>cash register did not print the document</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="47"/>
        <source>документ записан без кассы</source>
        <translation>document recorded without a cash register</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="48"/>
        <source>смена закрыта</source>
        <translation>shift closed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="49"/>
        <location filename="../../desktop/action_names.py" line="66"/>
        <source>приёмка начата</source>
        <translation>receiving started</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="50"/>
        <source>лишняя или чужая коробка</source>
        <translation>surplus or foreign box</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="51"/>
        <location filename="../../desktop/action_names.py" line="67"/>
        <source>приёмка закрыта</source>
        <translation>receiving closed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="52"/>
        <source>активация клубной карты</source>
        <translation>club card activation</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="53"/>
        <source>возврат начат</source>
        <translation>return started</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="54"/>
        <source>возврат закрыт</source>
        <translation>return closed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="55"/>
        <source>изделие принято по гарантии</source>
        <translation>item taken in under warranty</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="56"/>
        <source>отправка в сервис начата</source>
        <translation>service dispatch started</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="57"/>
        <source>изделие отправлено в сервис</source>
        <translation>item sent to service</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="58"/>
        <source>отправка в сервис закрыта</source>
        <translation>service dispatch closed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="59"/>
        <source>отправка в сервис продолжена</source>
        <translation>dispatch to service resumed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="60"/>
        <source>изделие отсканировано в отправку в сервис</source>
        <translation>item scanned into a dispatch to service</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="61"/>
        <source>изделие убрано из отправки в сервис</source>
        <translation>item taken out of a dispatch to service</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="62"/>
        <source>менеджер разрешил приём с другим серийным номером</source>
        <translation>manager allowed an intake with a different serial number</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="63"/>
        <source>неудачный вход</source>
        <translation>failed login</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="64"/>
        <source>неверный код активации карты</source>
        <translation>wrong card activation code</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="65"/>
        <source>журнал проверен</source>
        <translation>journal checked</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="68"/>
        <source>приёмка передана следующей смене</source>
        <translation>receiving handed over to the next shift</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="69"/>
        <source>возврат передан следующей смене</source>
        <translation>return handed over to the next shift</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="70"/>
        <source>отправка в сервис передана следующей смене</source>
        <translation>service dispatch handed over to the next shift</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="71"/>
        <source>возврат продолжен</source>
        <translation>return resumed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="72"/>
        <source>отмечено как разобранное</source>
        <translation>marked as reviewed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="73"/>
        <source>вход в программу</source>
        <translation>signed in</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="74"/>
        <source>вход отклонён</source>
        <translation>sign-in refused</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="75"/>
        <source>учётная запись заблокирована</source>
        <translation>account locked</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="76"/>
        <source>активация карты подтверждена</source>
        <translation>card activation confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="78"/>
        <source>поиск по коду: неверный код</source>
        <translation>code lookup: wrong code</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="79"/>
        <source>поиск по коду закрыт до разрешения управляющего</source>
        <translation>code lookup closed until a manager allows it</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="80"/>
        <source>поиск по коду отклонён</source>
        <translation>code lookup refused</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="81"/>
        <source>поиск по коду разрешён управляющим</source>
        <translation>code lookup allowed by a manager</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="82"/>
        <source>разрешение поиска по коду отклонено</source>
        <translation>code lookup permission refused</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="83"/>
        <source>коробка принята на другом рабочем месте</source>
        <translation>box received at another desk</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="95"/>
        <source>событие {0}</source>
        <translation>event {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="33"/>
        <source>принято сервером</source>
        <translation>applied by the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="34"/>
        <source>уже было на сервере</source>
        <translation>already on the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="35"/>
        <location filename="../../ui/pages/terms.py" line="45"/>
        <source>отклонено сервером</source>
        <translation>rejected by the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="36"/>
        <location filename="../../ui/pages/terms.py" line="44"/>
        <source>конфликт</source>
        <translation>conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/action_names.py" line="77"/>
        <location filename="../../ui/pages/terms.py" line="41"/>
        <source>активация карты отклонена</source>
        <translation>card activation rejected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="42"/>
        <source>заказ требует внимания</source>
        <translation>order needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/pages/terms.py" line="43"/>
        <source>выдан после отмены</source>
        <translation>handed over after cancellation</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="50"/>
        <location filename="../../ui/pages/terms.py" line="48"/>
        <source>срок хранения истёк</source>
        <translation>storage expired</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="51"/>
        <location filename="../../ui/pages/terms.py" line="49"/>
        <source>отказ клиента</source>
        <translation>refused by customer</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="52"/>
        <location filename="../../ui/pages/terms.py" line="50"/>
        <source>отменён центром</source>
        <translation>cancelled by the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="56"/>
        <source>без накладной</source>
        <translation>without a waybill</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="57"/>
        <source>возврат от {opened_at}</source>
        <translation>return of {opened_at}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/staff.py" line="58"/>
        <source>отправка в сервис от {opened_at}</source>
        <translation>service dispatch of {opened_at}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="27"/>
        <source>журнал действий</source>
        <translation>action journal</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="28"/>
        <source>поиск заказа по коду получения</source>
        <translation>order lookup by pickup code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="30"/>
        <source>приёмка по накладной {0}</source>
        <translation>receiving of waybill {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="31"/>
        <source>приёмка без накладной от {0}</source>
        <translation>receiving without a waybill of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="32"/>
        <source>возврат от {0}</source>
        <translation>return of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="33"/>
        <source>отправка в сервис от {0}</source>
        <translation>service dispatch of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/journal_subjects.py" line="34"/>
        <source>смена №{0}</source>
        <translation>shift no. {0}</translation>
    </message>
</context>
<context>
    <name>Waits</name>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="97"/>
        <location filename="../../desktop/services/manager/exceptions.py" line="113"/>
        <location filename="../../desktop/services/manager/exceptions.py" line="137"/>
        <location filename="../../desktop/services/manager/waiting.py" line="166"/>
        <location filename="../../desktop/services/manager/waiting.py" line="198"/>
        <location filename="../../desktop/services/manager/waiting.py" line="225"/>
        <location filename="../../desktop/services/manager/waiting.py" line="242"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="98"/>
        <location filename="../../desktop/services/manager/waiting.py" line="167"/>
        <location filename="../../desktop/services/manager/waiting.py" line="200"/>
        <location filename="../../desktop/services/manager/waiting.py" line="243"/>
        <source>Клиент</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="99"/>
        <source>Неверных кодов</source>
        <translation>Wrong codes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="100"/>
        <source>Заблокирован</source>
        <translation>Locked at</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="101"/>
        <source>Заблокирован уже</source>
        <translation>Locked for</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="103"/>
        <source>Заказы заблокированы после неверных кодов</source>
        <translation>Orders locked after wrong codes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="114"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="115"/>
        <source>Попытка</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="116"/>
        <source>Статус</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="117"/>
        <source>Ошибка шлюза</source>
        <translation>Gateway error</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="118"/>
        <source>Запрошено</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="119"/>
        <source>Обновлено</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="121"/>
        <source>SMS не доставлены</source>
        <translation>SMS not delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="134"/>
        <source>Когда</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="135"/>
        <source>Событие</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="136"/>
        <source>Решение сервера</source>
        <translation>Server&apos;s verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="138"/>
        <location filename="../../desktop/services/manager/waiting.py" line="199"/>
        <source>Причина</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="139"/>
        <source>Что делать</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="140"/>
        <source>Код события</source>
        <translation>Event code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="142"/>
        <source>Отклонено сервером или конфликт</source>
        <translation>Refused by the server or in conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="156"/>
        <location filename="../../desktop/services/manager/waiting.py" line="217"/>
        <source>Сессия</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="157"/>
        <location filename="../../desktop/services/manager/waiting.py" line="213"/>
        <source>Открыта</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="158"/>
        <location filename="../../desktop/services/manager/waiting.py" line="214"/>
        <source>Кто открыл</source>
        <translation>Opened by</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="159"/>
        <location filename="../../desktop/services/manager/waiting.py" line="215"/>
        <source>Открыта уже</source>
        <translation>Open for</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="160"/>
        <source>Почему в списке</source>
        <translation>Why listed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="161"/>
        <location filename="../../desktop/services/manager/waiting.py" line="227"/>
        <source>Поставка</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="162"/>
        <source>Код сессии</source>
        <translation>Session code</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="164"/>
        <source>Сессии оставлены открытыми</source>
        <translation>Sessions left open</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="214"/>
        <source>конфликт</source>
        <translation>conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="214"/>
        <source>отклонено</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="231"/>
        <source>открыта в прошлый день</source>
        <translation>opened on an earlier day</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="232"/>
        <source>смена открывшего закрыта</source>
        <translation>the opener&apos;s shift is closed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="249"/>
        <source>приёмка</source>
        <translation>receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="152"/>
        <source>возврат</source>
        <translation>return</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/exceptions.py" line="153"/>
        <source>отправка в сервис</source>
        <translation>service dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="75"/>
        <source>{0} (показаны первые по сроку: {1} из {2})</source>
        <translation>{0} (the first by date shown: {1} of {2})</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="113"/>
        <source>Коробки приняты, но не разложены по ячейкам</source>
        <translation>Boxes received but not placed in cells</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="135"/>
        <source>Готовы к выдаче, но не получены</source>
        <translation>Ready but not collected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="146"/>
        <source>сегодня</source>
        <translation>today</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="147"/>
        <source>завтра</source>
        <translation>tomorrow</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="168"/>
        <source>Телефон</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="169"/>
        <source>Истекает</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="170"/>
        <location filename="../../desktop/services/manager/waiting.py" line="201"/>
        <location filename="../../desktop/services/manager/waiting.py" line="246"/>
        <source>Хранение до</source>
        <translation>Storage until</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="171"/>
        <source>Ячейки</source>
        <translation>Cells</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="172"/>
        <location filename="../../desktop/services/manager/waiting.py" line="248"/>
        <source>Продлено</source>
        <translation>Extended</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="174"/>
        <source>Срок хранения истекает сегодня или завтра</source>
        <translation>Storage ends today or tomorrow</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="202"/>
        <source>Коробок к возврату</source>
        <translation>Boxes to return</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="204"/>
        <source>Ждут возврата (список возврата не закрыт)</source>
        <translation>Waiting to go back (return list not done)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="216"/>
        <source>Коробок в сессии</source>
        <translation>Boxes in the session</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="219"/>
        <source>Сессии возврата не закрыты</source>
        <translation>Return sessions not closed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="224"/>
        <source>Коробка</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="226"/>
        <source>Место</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="228"/>
        <source>Принята</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="229"/>
        <location filename="../../desktop/services/manager/waiting.py" line="245"/>
        <source>Ждёт</source>
        <translation>Waiting for</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="244"/>
        <source>Готов с</source>
        <translation>Ready since</translation>
    </message>
    <message>
        <location filename="../../desktop/services/manager/waiting.py" line="247"/>
        <source>Осталось дней</source>
        <translation>Days left</translation>
    </message>
</context>
<context>
    <name>WarrantyPage</name>
    <message>
        <location filename="../../ui/pages/warranty_labels.py" line="19"/>
        <source>Принтеры не настроены в этой программе.</source>
        <translation>No printers are set up in this program.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="46"/>
        <source>Заявка</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="46"/>
        <source>Статус</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="46"/>
        <source>Заказ</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="46"/>
        <source>Товар</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="47"/>
        <source>Клиент</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="51"/>
        <source>Приём</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="53"/>
        <source>Отправка в сервис</source>
        <translation>Dispatch to service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="58"/>
        <source>Найти</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="59"/>
        <source>По заказу</source>
        <translation>By order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="60"/>
        <source>Фото</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="61"/>
        <source>Менеджер</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="62"/>
        <source>Принять</source>
        <translation>Take in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="63"/>
        <source>Этикетка</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="65"/>
        <source>Акт</source>
        <translation>Act</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="69"/>
        <source>Очистить</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="76"/>
        <source>заявка, заказ или телефон</source>
        <translation>claim, order or phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="84"/>
        <source>Отсканируйте номер заявки клиента или найдите её по заказу или телефону (F2). Нет заявки — F3.</source>
        <translation>Scan the customer&apos;s claim number or find it by order or phone (F2). No claim: F3.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="121"/>
        <source>Что искать?</source>
        <translation>What to look for?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/warranty_page.py" line="122"/>
        <source>Отсканируйте номер заявки или введите номер заказа, или телефон и фамилию клиента.</source>
        <translation>Scan the claim number, or type the order number, or the customer&apos;s phone and surname.</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../../ui/shift_actions.py" line="183"/>
        <source>Принято коробок: {0}; выдано заказов: {1}; наличные: {2}; карта: {3}; активировано карт: {4}; возвращено коробок: {5}.</source>
        <translation>Boxes received: {0}; orders handed over: {1}; cash: {2}; card: {3}; cards activated: {4}; boxes returned: {5}.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dialogs.py" line="47"/>
        <source>Отказ от позиции</source>
        <translation>Refuse item</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="53"/>
        <source>Количество, шт.:</source>
        <translation>Quantity, pcs:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="54"/>
        <source>Причина:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="55"/>
        <source>Комментарий:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="64"/>
        <source>Документ</source>
        <translation>ID document</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="65"/>
        <source>Проверьте документ. Запишите только тип и последние 4 цифры номера.</source>
        <translation>Check the document. Record only its type and the last 4 digits of its number.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="70"/>
        <source>Тип документа:</source>
        <translation>Document type:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="71"/>
        <source>Последние 4 цифры:</source>
        <translation>Last 4 digits:</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <location filename="../../ui/workers.py" line="51"/>
        <source>База данных занята другой операцией. Повторите действие через несколько секунд.</source>
        <translation>The database is busy with another operation. Repeat in a few seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="55"/>
        <source>Диск заполнен: на диске закончилось место, и это действие не сохранено (ничего не записано наполовину). Освободите место на диске и повторите действие — работа продолжится.</source>
        <translation>Disk full: the disk has run out of space and this action was not saved (nothing was half-written). Free some disk space and repeat the action — work goes on.</translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="60"/>
        <source>База данных недоступна для записи. Проверьте права на папку данных программы.</source>
        <translation>The database cannot be written to. Check the permissions on the program data folder.</translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="64"/>
        <source>Файл базы данных повреждён: действие не сохранено. Закройте программу и запустите её снова — она назовёт файл и предложит восстановление, сохранив неотправленные действия.</source>
        <translation>The database file is damaged: the action was not saved. Close the program and start it again — it names the file and offers a repair, keeping the unsent actions.</translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="69"/>
        <source>Нет связи с сервером. Работа продолжается без сети; данные отправятся позже.</source>
        <translation>No connection to the server. Work continues offline; data will be sent later.</translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="72"/>
        <source>Ошибка окружения: {0}</source>
        <translation>Environment error: {0}</translation>
    </message>
</context>
</TS>
