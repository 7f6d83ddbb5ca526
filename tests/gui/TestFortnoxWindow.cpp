// Fortnox through the real window, against the loopback Fortnox emulator: in Accounts, an integration's client id
// and secret connect the company through the embedded browser (the refresh token goes to the keychain, the secret
// too, neither to the settings), and each spent refresh token is replaced there; an older integration connects with
// its access token and client secret instead. Then the inbox with its Swedish folder names, documents filed by drag
// and drop onto a supplier invoice and a voucher, files dropped in from the file manager, saved and deleted, and
// Fortnox's own message when it refuses. The app asks for JSON or XML as ATTACHE_TEST_FORTNOX_FORMAT says.
//
// Runs under tests/with-keyring.sh and xvfb-run (see CMakeLists.txt); the cases are steps of one story and run in
// order.

#include "../KeyringTestHelpers.h"
#include "AccountsDialog.h"
#include "AttachmentMimeData.h"
#include "AttachmentModel.h"
#include "EntityTreeModel.h"
#include "FortnoxAccount.h"
#include "FortnoxEmulator.h"
#include "FortnoxStore.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SampleDocuments.h"
#include "SecretStore.h"
#include "Settings.h"
#include "SignInBrowserDialog.h"
#include "SignInPage.h"
#include "TransferModel.h"
#include "TransferQueue.h"
#include "TransfersPanel.h"
#include "WindowTestHelpers.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QWebEngineView>

#include <optional>

using namespace Qt::StringLiterals;

namespace {
constexpr int Timeout = 30000;
} // namespace

class TestFortnoxWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectsInTheEmbeddedBrowser();
    void secretsAreOnlyInTheKeychain();
    void replacesEachSpentRefreshToken();
    void disconnects();
    void connectsAnOlderIntegrationWithItsAccessToken();
    void showsTheInboxWithSwedishFolderNames();
    void filesAnInboxDocumentByDragAndDrop();
    void uploadsSavesAndDeletesDroppedFiles();
    void showsFortnoxsMessage();
    void reconnectingStartsAgainWithTheNewConnection();
    void disconnectingLeavesFortnox();

private:
    template<typename T> T* accountsChild(const QString& name) const
    {
        return m_window->accountsDialog() ? m_window->accountsDialog()->findChild<T*>(name) : nullptr;
    }
    AccountsDialog* openAccounts();
    // Accounts → Disconnect, until Fortnox is disconnected.
    bool disconnectInAccounts();
    std::optional<SecretStore::Result> readKeychain(const QString& key);
    // Drops what a file manager drags onto the record's row in the tree.
    bool dropFiles(const QStringList& paths, const EntityRef& target);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<FortnoxEmulator> m_emulator;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_english;
    QString m_refreshToken;
    PayloadFormat m_format = PayloadFormat::Json;
    const EntityRef m_suppliers { EntityType::Inbox, u"inbox_s"_s };
    // The sample company's supplier invoice 1, from Telia.
    const EntityRef m_telia { EntityType::SupplierInvoices, u"1"_s };
    // Voucher 1 of series A in the financial year 2024 (Fortnox's id 2).
    const EntityRef m_stationery { EntityType::Vouchers, u"A1-2"_s };
    const EntityRef m_trainTrip { EntityType::Vouchers, u"A3-2"_s };
    const EntityRef m_customerInvoices { EntityType::Inbox, u"inbox_kf"_s };
};

void TestFortnoxWindow::initTestCase()
{
    // Never the developer's own keyring, nor a display of theirs.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring and X server: tests/with-keyring.sh xvfb-run TestFortnoxWindow");
    m_format = qgetenv("ATTACHE_TEST_FORTNOX_FORMAT") == "xml" ? PayloadFormat::Xml : PayloadFormat::Json;
    QVERIFY(WindowTest::prepareApplication(m_english));
    m_root = WindowTest::scratchInHome();
    QVERIFY(m_root);
    m_emulator = std::make_unique<FortnoxEmulator>(m_root->filePath(u"emulator"_s));
    QVERIFY(m_emulator->listen());
    // In the sample company's financial year 2024, whose vouchers Fortnox lists.
    m_emulator->setClock([] { return QDateTime(QDate(2024, 6, 3), QTime(10, 0), QTimeZone::utc()); });
    m_emulator->seedSampleData();
    qputenv("ATTACHE_FORTNOX_BASE_URL", m_emulator->baseUrl().toString().toUtf8());
    qunsetenv("ATTACHE_FORTNOX_CLIENT_ID");
    m_settings = WindowTest::localSettings(*m_root);
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->resize(1100, 700);
    WindowTest::showAndWaitFor(*m_window, EntityRef { EntityType::Invoices, u"1001"_s });
}

void TestFortnoxWindow::cleanupTestCase()
{
    m_window.reset();
    m_settings.reset();
    m_emulator.reset();
    m_root.reset();
}

AccountsDialog* TestFortnoxWindow::openAccounts()
{
    m_window->showAccounts();
    if (!QTest::qWaitFor([this] { return m_window->accountsDialog() && m_window->accountsDialog()->isVisible(); },
                         Timeout))
        return nullptr;
    return m_window->accountsDialog();
}

bool TestFortnoxWindow::disconnectInAccounts()
{
    AccountsDialog* accounts = openAccounts();
    if (!accounts)
        return false;
    QSignalSpy disconnected(accounts, &AccountsDialog::fortnoxDisconnected);
    accountsChild<QPushButton>(u"fortnoxDisconnectButton"_s)->click();
    return disconnected.wait(Timeout);
}

std::optional<SecretStore::Result> TestFortnoxWindow::readKeychain(const QString& key)
{
    std::optional<SecretStore::Result> read;
    QObject context;
    SecretStore::readSecret(key, &context, [&read](const SecretStore::Result& result) { read = result; });
    if (!QTest::qWaitFor([&read] { return read.has_value(); }, Timeout))
        return std::nullopt;
    return read;
}

bool TestFortnoxWindow::dropFiles(const QStringList& paths, const EntityRef& target)
{
    QMimeData dropped;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls.append(QUrl::fromLocalFile(path));
    dropped.setUrls(urls);
    EntityTreeModel* model = m_window->entityModel();
    return model->dropMimeData(&dropped, Qt::CopyAction, -1, -1, model->indexOf(target));
}

// 1. Accounts → the integration's client id and secret → Connect Fortnox… → the consent page in the sign-in
//    browser → Allow: the company is connected.
void TestFortnoxWindow::connectsInTheEmbeddedBrowser()
{
    AccountsDialog* accounts = openAccounts();
    QVERIFY(accounts);
    QCOMPARE(accountsChild<QLabel>(u"fortnoxStatusLabel"_s)->text(), u"Not connected"_s);
    auto* connectButton = accountsChild<QPushButton>(u"fortnoxConnectButton"_s);
    // Nothing to connect with yet.
    QVERIFY(!connectButton->isEnabled());
    QTest::keyClicks(accountsChild<QLineEdit>(u"fortnoxIdEdit"_s), m_emulator->clientId());
    QTest::keyClicks(accountsChild<QLineEdit>(u"fortnoxSecretEdit"_s), m_emulator->clientSecret());
    QVERIFY(connectButton->isEnabled());

    QSignalSpy connected(accounts, &AccountsDialog::fortnoxConnected);
    connectButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(accounts->signInBrowser(), Timeout);
    const QPointer<SignInBrowserDialog> browser = accounts->signInBrowser();
    QSignalSpy loaded(browser->page(), &SignInPage::loadFinished);
    QVERIFY(QTest::qWaitForWindowExposed(browser));
    QVERIFY(loaded.wait(Timeout));
    QCOMPARE(browser->page()->url().path(), u"/oauth-v1/auth"_s);
    auto* view = browser->findChild<QWebEngineView*>(u"webView"_s);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::showsText(view->grab().toImage()), Timeout);
    WindowTest::saveScreenshot(browser, u"fortnox-sign-in.png"_s);
    browser->page()->runJavaScript(u"document.getElementById('allow').click()"_s);
    QVERIFY(connected.wait(Timeout));
    QTRY_VERIFY(browser.isNull() || !browser->isVisible());
    QCOMPARE(accountsChild<QLabel>(u"fortnoxStatusLabel"_s)->text(), u"Connected"_s);
    QCOMPARE(m_settings->fortnoxClientId(), m_emulator->clientId());
    QVERIFY(accountsChild<QPushButton>(u"useFortnoxButton"_s)->isEnabled());
    WindowTest::saveScreenshot(accounts, u"fortnox-accounts.png"_s);
}

// 2. The refresh token and the client secret are in the keychain, and in no file.
void TestFortnoxWindow::secretsAreOnlyInTheKeychain()
{
    const auto refresh = readKeychain(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY(refresh && refresh->ok);
    QVERIFY(refresh->secret.size() >= 16);
    m_refreshToken = refresh->secret;
    const auto secret = readKeychain(FortnoxAccount::clientSecretKey(m_emulator->clientId()));
    QVERIFY(secret && secret->ok);
    QCOMPARE(secret->secret, m_emulator->clientSecret());
    m_settings->sync();
    for (const QString& value : { m_refreshToken, m_emulator->clientSecret() })
        QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, value), QStringList());
}

// 3. Keep documents in Fortnox. A refresh token works once: each new access token comes with a new one, which takes
//    the spent one's place in the keychain, also when Fortnox ends an access token before its time.
void TestFortnoxWindow::replacesEachSpentRefreshToken()
{
    auto* use = accountsChild<QPushButton>(u"useFortnoxButton"_s);
    QVERIFY(use && use->isEnabled());
    use->click();
    QTRY_VERIFY(qobject_cast<FortnoxStore*>(m_window->store()));
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_suppliers).isValid(), Timeout);
    const QString key = FortnoxAccount::refreshTokenKey(m_emulator->clientId());
    const auto before = readKeychain(key);
    QVERIFY(before && before->ok);

    m_emulator->expireAccessTokens();
    m_emulator->clearRequests();
    m_window->findChild<QAction*>(u"actionRefresh"_s)->trigger();
    // Refused (401), refreshed, and asked again.
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount(u"/oauth-v1/token"_s, "POST") == 1
                                 && m_emulator->requestCount(u"/3/inbox"_s, "GET") >= 2,
                             Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_suppliers).isValid(), Timeout);
    const auto after = readKeychain(key);
    QVERIFY(after && after->ok);
    QVERIFY(after->secret != before->secret);
    QVERIFY(m_emulator->isRefreshTokenUnused(after->secret));
    for (const QString& spent : { m_refreshToken, before->secret })
        QVERIFY(!m_emulator->isRefreshTokenUnused(spent));
    QVERIFY(!m_window->messageBar()->isVisible());
}

// 4. Disconnect forgets the company's refresh token; the integration's secret stays for the next connection.
void TestFortnoxWindow::disconnects()
{
    QVERIFY(disconnectInAccounts());
    QCOMPARE(accountsChild<QLabel>(u"fortnoxStatusLabel"_s)->text(), u"Not connected"_s);
    const auto refresh = readKeychain(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY(refresh && refresh->notFound);
    const auto secret = readKeychain(FortnoxAccount::clientSecretKey(m_emulator->clientId()));
    QVERIFY(secret && secret->ok);
}

// 5. An older integration: its access token and client secret, checked with Fortnox before they are kept; a wrong
//    pair is refused with Fortnox's own message.
void TestFortnoxWindow::connectsAnOlderIntegrationWithItsAccessToken()
{
    auto* legacy = accountsChild<QCheckBox>(u"fortnoxLegacyCheck"_s);
    QVERIFY(legacy);
    legacy->setChecked(true);
    QCOMPARE(accountsChild<QLabel>(u"fortnoxIdLabel"_s)->text(), u"Access &token:"_s);
    auto* token = accountsChild<QLineEdit>(u"fortnoxIdEdit"_s);
    auto* secret = accountsChild<QLineEdit>(u"fortnoxSecretEdit"_s);
    token->clear();
    secret->clear();
    QTest::keyClicks(token, m_emulator->legacyAccessToken());
    QTest::keyClicks(secret, u"not the secret"_s);
    auto* connectButton = accountsChild<QPushButton>(u"fortnoxConnectButton"_s);
    connectButton->click();
    auto* message = accountsChild<QLabel>(u"fortnoxMessageLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"Ogiltig inloggning"_s), Timeout);
    QCOMPARE(accountsChild<QLabel>(u"fortnoxStatusLabel"_s)->text(), u"Not connected"_s);

    secret->clear();
    QTest::keyClicks(secret, m_emulator->legacyClientSecret());
    QSignalSpy connected(m_window->accountsDialog(), &AccountsDialog::fortnoxConnected);
    connectButton->click();
    QVERIFY(connected.wait(Timeout));
    QCOMPARE(accountsChild<QLabel>(u"fortnoxStatusLabel"_s)->text(), u"Connected with an access token"_s);
    const auto kept = readKeychain(FortnoxAccount::legacyAccessTokenKey());
    QVERIFY(kept && kept->ok);
    QCOMPARE(kept->secret, m_emulator->legacyAccessToken());
    m_settings->sync();
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, m_emulator->legacyAccessToken()), QStringList());
}

// 6. Keep documents in Fortnox: the inbox's folders under their Swedish names, each with its e-mail-in address.
void TestFortnoxWindow::showsTheInboxWithSwedishFolderNames()
{
    // The format this run asks Fortnox for, as Settings would set it.
    m_settings->setFortnoxFormat(m_format);
    m_emulator->clearRequests();
    auto* use = accountsChild<QPushButton>(u"useFortnoxButton"_s);
    QVERIFY(use && use->isEnabled());
    use->click();
    QTRY_VERIFY(qobject_cast<FortnoxStore*>(m_window->store()));
    QCOMPARE(m_settings->storeUri(), u"fortnox:"_s);
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_suppliers).isValid(), Timeout);
    const QModelIndex suppliers = WindowTest::treeIndex(*m_window, m_suppliers);
    QCOMPARE(suppliers.data().toString(), u"Leverantörsfakturor"_s);
    QCOMPARE(WindowTest::treeIndex(*m_window, EntityRef { EntityType::Inbox, u"inbox_v"_s }).data().toString(),
             u"Verifikationer"_s);
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_telia).isValid(), Timeout);
    // Only Fortnox's kinds of record.
    QVERIFY(!m_window->entityModel()->indexOf(EntityType::Customers).isValid());

    m_window->selectEntity(m_suppliers);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->attachmentModel()->rowCount(), 2, Timeout);
    QAction* copyEmail = m_window->findChild<QAction*>(u"actionCopyEmail"_s);
    QVERIFY(copyEmail->isVisible());
    QVERIFY(copyEmail->isEnabled());
    // Fortnox's folders are not on this machine.
    QVERIFY(!m_window->findChild<QAction*>(u"actionShowInFolder"_s)->isVisible());
    copyEmail->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), m_emulator->inboxFolderEmail(u"inbox_s"_s));
    QVERIFY(m_window->messageBar()->text().contains(m_emulator->inboxFolderEmail(u"inbox_s"_s)));
    WindowTest::entityTree(*m_window)->expandAll();
    WindowTest::saveScreenshot(m_window.get(),
                               m_format == PayloadFormat::Xml ? u"fortnox-inbox-xml.png"_s : u"fortnox-inbox.png"_s);
    const QList<EmulatorServer::LoggedRequest> requests = m_emulator->requests();
    QVERIFY(!requests.isEmpty());
    for (const EmulatorServer::LoggedRequest& logged : requests)
        QCOMPARE(logged.request.header("Accept"), PayloadFormats::accept(m_format));
}

// 7. An inbox document dragged onto a supplier invoice: Fortnox connects it, and it shows under the invoice.
void TestFortnoxWindow::filesAnInboxDocumentByDragAndDrop()
{
    const AttachmentRef invoice { m_suppliers, u"faktura-telia-mars.pdf"_s };
    std::unique_ptr<QMimeData> dragged(
        AttachmentMimeData::create({ invoice }, { m_root->filePath(u"faktura-telia-mars.pdf"_s) }));
    EntityTreeModel* model = m_window->entityModel();
    QVERIFY(model->dropMimeData(dragged.get(), Qt::MoveAction, -1, -1, model->indexOf(m_telia)));
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->connections().size(), 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->transferQueue()->pendingCount(), 0, Timeout);
    QVERIFY(!m_emulator->inboxFileNames(u"inbox_s"_s).contains(invoice.name));
    m_window->selectEntity(m_telia);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->attachmentModel()->rowOf(invoice.name) >= 0, Timeout);
    WindowTest::saveScreenshot(m_window.get(), u"fortnox-filed.png"_s);

    // A receipt of the voucher inbox, onto a voucher.
    const AttachmentRef receipt { EntityRef { EntityType::Inbox, u"inbox_v"_s }, u"kvitto-sj-2024-04-03.png"_s };
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_trainTrip).isValid(), Timeout);
    std::unique_ptr<QMimeData> draggedReceipt(
        AttachmentMimeData::create({ receipt }, { m_root->filePath(receipt.name) }));
    QVERIFY(model->dropMimeData(draggedReceipt.get(), Qt::MoveAction, -1, -1, model->indexOf(m_trainTrip)));
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->connections().size(), 2, Timeout);
    QCOMPARE(m_emulator->connections().last().voucherNumber, 3);
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    m_window->selectEntity(m_trainTrip);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->attachmentModel()->rowOf(receipt.name) >= 0, Timeout);
}

// 8. Files dragged in from the file manager: onto an inbox folder they are uploaded there, onto a voucher they go
//    through the voucher inbox and are connected. A document is saved back, byte for byte, and deleted.
void TestFortnoxWindow::uploadsSavesAndDeletesDroppedFiles()
{
    const QString invoice = m_root->filePath(u"kundfaktura 1043.pdf"_s);
    const QString receipt = m_root->filePath(u"kvitto pennor.pdf"_s);
    QVERIFY(SampleDocuments::writeText(invoice, "%PDF kundfaktura 1043"));
    QVERIFY(SampleDocuments::writeText(receipt, "%PDF kvitto pennor"));
    QVERIFY(dropFiles({ invoice }, m_customerInvoices));
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_stationery).isValid(), Timeout);
    QVERIFY(dropFiles({ receipt }, m_stationery));
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_kf"_s), QStringList { u"kundfaktura 1043.pdf"_s });
    // The transfers panel names the folder as the tree does.
    const TransferModel* transfers = m_window->findChild<TransfersPanel*>()->model();
    QCOMPARE(transfers->index(transfers->rowCount() - 2, TransferModel::ActionColumn).data().toString(),
             u"Upload to Inbox folder Kundfakturor"_s);
    QCOMPARE(m_emulator->connections().size(), 3);
    QCOMPARE(m_emulator->connections().last().voucherNumber, 1);
    m_window->selectEntity(m_stationery);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->attachmentModel()->rowOf(u"kvitto pennor.pdf"_s) >= 0, Timeout);

    QVERIFY(QDir().mkpath(m_root->filePath(u"saved"_s)));
    const QString saved = m_root->filePath(u"saved/kundfaktura 1043.pdf"_s);
    const AttachmentRef uploaded { m_customerInvoices, u"kundfaktura 1043.pdf"_s };
    m_window->transferQueue()->enqueueDownload(uploaded, saved);
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QFile copy(saved);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), QByteArray("%PDF kundfaktura 1043"));

    m_window->selectEntity(m_customerInvoices);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->attachmentModel()->rowCount(), 1, Timeout);
    m_window->transferQueue()->enqueueDelete(uploaded);
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QVERIFY(m_emulator->inboxFileNames(u"inbox_kf"_s).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->attachmentModel()->rowCount(), 0, Timeout);
}

// 9. Fortnox refuses a document too large for it: its own message, in Swedish, in the window, and the folder as it
//    was.
void TestFortnoxWindow::showsFortnoxsMessage()
{
    m_emulator->setMaxUploadBytes(1024);
    const QString scan = m_root->filePath(u"skanning.pdf"_s);
    QVERIFY(SampleDocuments::writeText(scan, QByteArray(4096, 'x')));
    QVERIFY(dropFiles({ scan }, m_customerInvoices));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->text().contains(u"Filen är för stor"_s), Timeout);
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_kf"_s).isEmpty());
    WindowTest::saveScreenshot(m_window.get(), u"fortnox-refused.png"_s);
    m_emulator->setMaxUploadBytes(FortnoxEmulator::DefaultMaxUploadBytes);
}

// 10. Connecting again while the window shows Fortnox, perhaps to another company: the window starts again with the
//     new connection, under its own id, so that nothing queued for the one before runs on it unasked.
void TestFortnoxWindow::reconnectingStartsAgainWithTheNewConnection()
{
    const QPointer<Store> before = m_window->store();
    QVERIFY(qobject_cast<FortnoxStore*>(before.data()));
    const QString beforeId = m_settings->fortnoxConnectionId();
    QCOMPARE(before->accountUri(), u"fortnox:#"_s + beforeId);
    AccountsDialog* accounts = openAccounts();
    QVERIFY(accounts);
    accountsChild<QCheckBox>(u"fortnoxLegacyCheck"_s)->setChecked(true);
    for (const auto& [edit, text] : { std::pair { u"fortnoxIdEdit"_s, m_emulator->legacyAccessToken() },
                                      std::pair { u"fortnoxSecretEdit"_s, m_emulator->legacyClientSecret() } }) {
        accountsChild<QLineEdit>(edit)->clear();
        QTest::keyClicks(accountsChild<QLineEdit>(edit), text);
    }
    // A transfer under way finishes with the connection it was started on; the new one is used after it.
    TransferQueue* queue = m_window->transferQueue();
    queue->setPaused(true);
    const QString scan = m_root->filePath(u"kvitto-omkoppling.pdf"_s);
    QVERIFY(SampleDocuments::writeText(scan, "kvitto"));
    QVERIFY(dropFiles({ scan }, m_suppliers));
    QTRY_COMPARE(queue->pendingCount(), 1);
    QSignalSpy connected(accounts, &AccountsDialog::fortnoxConnected);
    accountsChild<QPushButton>(u"fortnoxConnectButton"_s)->click();
    QVERIFY(connected.wait(Timeout));
    QCOMPARE(m_window->store(), before.data());
    QVERIFY2(m_window->messageBar()->text().contains(u"once the running transfers have finished"_s),
             qPrintable(m_window->messageBar()->text()));
    queue->setPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(before.isNull(), Timeout);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"kvitto-omkoppling.pdf"_s));
    auto* store = qobject_cast<FortnoxStore*>(m_window->store());
    QVERIFY(store);
    QVERIFY(m_settings->fortnoxConnectionId() != beforeId);
    QCOMPARE(store->accountUri(), u"fortnox:#"_s + m_settings->fortnoxConnectionId());
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::treeIndex(*m_window, m_suppliers).isValid(), Timeout);
}

// 11. Disconnect while the window shows Fortnox: it goes back to this computer's folder, and nothing of the company
//    is left in the keychain.
void TestFortnoxWindow::disconnectingLeavesFortnox()
{
    QVERIFY(disconnectInAccounts());
    QTRY_VERIFY(!qobject_cast<FortnoxStore*>(m_window->store()));
    QVERIFY(m_settings->storeUri().startsWith(u"local:"_s));
    const auto legacy = readKeychain(FortnoxAccount::legacyAccessTokenKey());
    QVERIFY(legacy && legacy->notFound);
}

QTEST_MAIN(TestFortnoxWindow)
#include "TestFortnoxWindow.moc"
