// The whole KashFlow flow through the real window, against the loopback KashFlow emulator, in the format the run
// is given (ATTACHE_TEST_KASHFLOW_FORMAT=json or xml, chosen in the Settings dialog): the two-step sign-in with
// the memorable word, an invoice with its files and thumbnails, upload, download and delete through the transfer
// queue, Send PDF, a session that ended (a prompt, then "Remember me" and a silent sign-in again), "Connect
// KashFlow to Dropbox" in the embedded browser with a link that ran out, and names that are not file names.
//
// Runs under tests/with-keyring.sh and xvfb-run (see CMakeLists.txt); the cases are steps of one story and run in
// order.

#include "../KeyringTestHelpers.h"
#include "AccountsDialog.h"
#include "AttachmentModel.h"
#include "EntityTreeModel.h"
#include "FileKind.h"
#include "KashflowDropboxConnection.h"
#include "KashflowEmulator.h"
#include "KashflowSignIn.h"
#include "KashflowSignInDialog.h"
#include "KashflowStore.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SampleDocuments.h"
#include "SecretStore.h"
#include "Settings.h"
#include "SettingsDialog.h"
#include "SignInBrowserDialog.h"
#include "ThumbnailCache.h"
#include "TransferQueue.h"
#include "WindowTestHelpers.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include <optional>

using namespace Qt::StringLiterals;

namespace {
constexpr int Timeout = 30000;
} // namespace

class TestKashflowWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signsInWithTheMemorableWord();
    void asksKashflowInTheChosenFormat();
    void showsAnInvoiceWithItsFiles();
    void uploadsDownloadsAndDeletes();
    void sendsThePdf();
    void endedSessionAsksThenRemembers();
    void connectsKashflowToDropbox();
    void replacesADropboxLinkPastItsFiveMinutes();
    void connectedWhenKashflowAnswersInsteadOfRedirecting();
    void namesThatAreNotFileNamesAreLeftOut();

private:
    QTreeView* entityTree() const { return WindowTest::entityTree(*m_window); }
    QModelIndex treeIndex(const EntityRef& entity) const { return WindowTest::treeIndex(*m_window, entity); }
    QAction* action(const QString& name) const { return m_window->findChild<QAction*>(name); }
    // Fills the dialog's first step and waits for the second.
    void enterPassword(KashflowSignInDialog* dialog, bool remember);
    // The 1-based positions the dialog asks for, read from its labels ("&2:").
    static QList<int> askedPositions(KashflowSignInDialog* dialog);
    QString local(const QString& name) const { return m_root->filePath(u"files/"_s + name); }
    // Runs the queue until it is empty; every transfer must have succeeded.
    std::optional<SecretStore::Result> readKeychain();

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<KashflowEmulator> m_emulator;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_english;
    KashflowPayload::Format m_format = KashflowPayload::Format::Json;
    QDateTime m_clockOffset;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
    const EntityRef m_customer { EntityType::Customers, u"ACME01"_s };
};

void TestKashflowWindow::initTestCase()
{
    // Never the developer's own keyring, nor a display of theirs.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring and X server: tests/with-keyring.sh xvfb-run TestKashflowWindow");
    m_format = qgetenv("ATTACHE_TEST_KASHFLOW_FORMAT") == "xml" ? KashflowPayload::Format::Xml
                                                                : KashflowPayload::Format::Json;
    QVERIFY(WindowTest::prepareApplication(m_english));

    m_root = WindowTest::scratchInHome();
    QVERIFY(m_root);

    m_emulator = std::make_unique<KashflowEmulator>(m_root->filePath(u"emulator"_s));
    QVERIFY(m_emulator->listen());
    m_emulator->setPageSize(2);
    for (const QString& number : { u"4453"_s, u"4454"_s, u"4455"_s })
        m_emulator->addEntity(EntityType::Invoices, number);
    m_emulator->addEntity(EntityType::Customers, u"ACME01"_s);
    m_emulator->addEntity(EntityType::Quotes, u"Q-12"_s);
    // What the bookkeeper already has on invoice 4455.
    QVERIFY(SampleDocuments::writePdf(local(u"Supplier invoice.pdf"_s), u"SUPPLIER INVOICE 4455"_s));
    QVERIFY(SampleDocuments::writeImage(local(u"receipt.jpg"_s), 1200, 900, QColor(0xe6, 0x7e, 0x22)));
    for (const QString& name : { u"Supplier invoice.pdf"_s, u"receipt.jpg"_s }) {
        QFile file(local(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, name, file.readAll()));
    }
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"delivery note.txt"_s, "Delivered 3 boxes."));

    qputenv("ATTACHE_KASHFLOW_BASE_URL", (m_emulator->baseUrl().toString() + u"/v2"_s).toUtf8());
    m_settings = WindowTest::localSettings(*m_root);
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->resize(1100, 700);
    WindowTest::showAndWaitFor(*m_window, EntityRef { EntityType::Invoices, u"1001"_s });
}

void TestKashflowWindow::cleanupTestCase()
{
    m_window.reset();
    m_settings.reset();
    m_emulator.reset();
    m_root.reset();
}

void TestKashflowWindow::enterPassword(KashflowSignInDialog* dialog, bool remember)
{
    auto* userName = dialog->findChild<QLineEdit*>(u"userNameEdit"_s);
    userName->clear();
    QTest::keyClicks(userName, m_emulator->userName());
    auto* password = dialog->findChild<QLineEdit*>(u"passwordEdit"_s);
    password->clear();
    QTest::keyClicks(password, m_emulator->password());
    dialog->findChild<QCheckBox*>(u"rememberCheck"_s)->setChecked(remember);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    auto* pages = dialog->findChild<QStackedWidget*>(u"pages"_s);
    QTRY_COMPARE_WITH_TIMEOUT(pages->currentWidget()->objectName(), u"memorableWordPage"_s, Timeout);
}

QList<int> TestKashflowWindow::askedPositions(KashflowSignInDialog* dialog)
{
    QList<int> positions;
    for (const QString& name : { u"firstLabel"_s, u"secondLabel"_s, u"thirdLabel"_s })
        positions.append(dialog->findChild<QLabel*>(name)->text().remove(u'&').remove(u':').toInt());
    return positions;
}

std::optional<SecretStore::Result> TestKashflowWindow::readKeychain()
{
    std::optional<SecretStore::Result> read;
    QObject context;
    SecretStore::readSecret(KashflowStore::keychainKey(m_emulator->userName()), &context,
                            [&read](const SecretStore::Result& result) { read = result; });
    if (!QTest::qWaitFor([&read] { return read.has_value(); }, Timeout))
        return std::nullopt;
    return read;
}

// 1. File → Sign In to KashFlow: a wrong character sends the user back to the password; the right three sign in,
//    and the window shows KashFlow's records.
void TestKashflowWindow::signsInWithTheMemorableWord()
{
    action(u"actionKashflowSignIn"_s)->trigger();
    QPointer<KashflowSignInDialog> dialog = m_window->kashflowSignInDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    WindowTest::saveScreenshot(dialog, u"kashflow-sign-in.png"_s);
    // As tall as its first page needs, not as the memorable word page.
    QCOMPARE(dialog->height(), dialog->layout()->totalHeightForWidth(dialog->width()));

    // A wrong answer: KashFlow's message, and the temporary token is spent, so back to the first step.
    enterPassword(dialog, false);
    const QList<int> positions = askedPositions(dialog);
    QCOMPARE(positions.size(), 3);
    const QString right = KashflowSignIn::charactersAt(m_emulator->memorableWord(), positions);
    QCOMPARE(right.size(), 3);
    QString wrong = right;
    wrong[0] = right.at(0) == u'z' ? u'y' : u'z';
    for (int i = 0; i < 3; ++i)
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QList { u"firstEdit"_s, u"secondEdit"_s, u"thirdEdit"_s }[i]),
                         QString(wrong.at(i)));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    auto* pages = dialog->findChild<QStackedWidget*>(u"pages"_s);
    auto* status = dialog->findChild<QLabel*>(u"statusLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"KashFlow: "_s), Timeout);
    QCOMPARE(pages->currentWidget()->objectName(), u"credentialsPage"_s);
    QVERIFY(dialog->isVisible());

    enterPassword(dialog, false);
    WindowTest::saveScreenshot(dialog, u"kashflow-memorable-word.png"_s);
    const QString characters = KashflowSignIn::charactersAt(m_emulator->memorableWord(), askedPositions(dialog));
    // Typed where the focus is: each box hands on to the next.
    for (const QChar character : characters)
        QTest::keyClicks(dialog->focusWidget(), QString(character));
    QCOMPARE(dialog->findChild<QLineEdit*>(u"thirdEdit"_s)->text(), QString(characters.back()));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull() || !dialog->isVisible(), Timeout);

    QTRY_VERIFY(qobject_cast<KashflowStore*>(m_window->store()));
    QCOMPARE(m_settings->storeUri(), u"kashflow:"_s + m_emulator->userName());
    QCOMPARE(m_settings->kashflowUserName(), m_emulator->userName());
    // Three invoices across two pages, and the customer.
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(m_invoice).isValid(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(EntityRef { EntityType::Invoices, u"4453"_s }).isValid(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(m_customer).isValid(), Timeout);
    QVERIFY(!treeIndex(EntityRef { EntityType::Invoices, u"1001"_s }).isValid());
    // Not remembered: nothing in the keychain.
    const auto remembered = readKeychain();
    QVERIFY(remembered && remembered->notFound);
}

// 2. Settings: the format KashFlow is asked to answer in.
void TestKashflowWindow::asksKashflowInTheChosenFormat()
{
    action(u"actionSettings"_s)->trigger();
    SettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<SettingsDialog*>()) != nullptr);
    auto* combo = dialog->findChild<QComboBox*>(u"kashflowFormatCombo"_s);
    QCOMPARE(combo->currentText(), u"JSON"_s);
    combo->setCurrentIndex(m_format == KashflowPayload::Format::Xml ? 1 : 0);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(m_settings->kashflowFormat(), m_format);
    // Still on KashFlow: saving the settings does not move documents back to the folder.
    QCOMPARE(m_settings->storeUri(), u"kashflow:"_s + m_emulator->userName());
    QVERIFY(qobject_cast<KashflowStore*>(m_window->store()));

    m_emulator->clearRequests();
    m_window->selectEntity(m_invoice);
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount(u"/v2/invoices/4455/files"_s, "GET") > 0, Timeout);
    // The listing's own request: thumbnails may be fetched after it, from signed links that ask for no format.
    const auto requests = m_emulator->requests();
    const auto listing = std::find_if(requests.crbegin(), requests.crend(), [](const auto& logged) {
        return logged.request.path() == u"/v2/invoices/4455/files"_s && logged.request.method() == "GET";
    });
    QVERIFY(listing != requests.crend());
    QCOMPARE(listing->request.header("Accept"), KashflowPayload::accept(m_format));
}

// 3. Invoice 4455 with its files: KashFlow's sizes, and thumbnails through the signed ThumbnailUri.
void TestKashflowWindow::showsAnInvoiceWithItsFiles()
{
    m_window->selectEntity(m_invoice);
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_COMPARE_WITH_TIMEOUT(attachments->rowCount(), 3, Timeout);
    const int receipt = attachments->rowOf(u"receipt.jpg"_s);
    QVERIFY(receipt >= 0);
    QCOMPARE(attachments->attachmentAt(receipt).icon, u"page_white_picture"_s);
    QCOMPARE(attachments->attachmentAt(receipt).sizeInBytes, QFileInfo(local(u"receipt.jpg"_s)).size());
    QCOMPARE(attachments->index(receipt, AttachmentModel::SizeColumn).data().toString(),
             FileKind::localizedSize(attachments->attachmentAt(receipt).sizeInBytes));
    QVERIFY(!attachments->attachmentAt(attachments->rowOf(u"delivery note.txt"_s)).isThumbnailAvailable);

    m_window->setViewMode(MainWindow::GridMode);
    const AttachmentRef ref { m_invoice, u"receipt.jpg"_s };
    // KashFlow gives no content hash: the thumbnail is kept by the file's place, size and time.
    QVERIFY(attachments->attachmentAt(receipt).contentHash.isEmpty());
    const QString key = attachments->thumbnailKey(receipt);
    QVERIFY(!key.isEmpty());
    attachments->index(receipt, 0).data(Qt::DecorationRole);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->thumbnailCache()->thumbnail(key, m_window->store(), ref).isNull(), Timeout);
    QVERIFY(m_emulator->requestCount(u"/1/thumbnails/sandbox/Invoices/4455/receipt.jpg"_s, "GET") >= 1);
    QVERIFY(m_window->windowTitle().contains(u"4455"_s));
    WindowTest::saveScreenshot(m_window.get(),
                               m_format == KashflowPayload::Format::Xml ? u"kashflow-invoice-xml.png"_s
                                                                        : u"kashflow-invoice.png"_s);
    m_window->setViewMode(MainWindow::DetailsMode);
}

// 4. Through the transfer queue: an upload (a taken name numbered), a download, a delete.
void TestKashflowWindow::uploadsDownloadsAndDeletes()
{
    QVERIFY(SampleDocuments::writeImage(local(u"taxi.png"_s), 480, 640, QColor(0x1f, 0x61, 0x8d)));
    QVERIFY(SampleDocuments::writeText(local(u"delivery note.txt"_s), "A second note."));
    m_window->uploadFiles(
        { QUrl::fromLocalFile(local(u"taxi.png"_s)), QUrl::fromLocalFile(local(u"delivery note.txt"_s)) }, m_invoice);
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QFile taxi(local(u"taxi.png"_s));
    QVERIFY(taxi.open(QIODevice::ReadOnly));
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"taxi.png"_s), taxi.readAll());
    // KashFlow would refuse the taken name: the second note got the next one.
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"delivery note (1).txt"_s),
             QByteArray("A second note."));
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_COMPARE_WITH_TIMEOUT(attachments->rowCount(), 5, Timeout);

    QVERIFY(QDir().mkpath(m_root->filePath(u"saved"_s)));
    const QString saved = m_root->filePath(u"saved/Supplier invoice.pdf"_s);
    m_window->transferQueue()->enqueueDownload(AttachmentRef { m_invoice, u"Supplier invoice.pdf"_s }, saved);
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QFile original(local(u"Supplier invoice.pdf"_s));
    QFile copy(saved);
    QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), original.readAll());

    m_window->transferQueue()->enqueueDelete(AttachmentRef { m_invoice, u"delivery note (1).txt"_s });
    QCOMPARE(WindowTest::drain(*m_window->transferQueue(), Timeout), QStringList());
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, u"4455"_s, u"delivery note (1).txt"_s));
    QTRY_COMPARE_WITH_TIMEOUT(attachments->rowCount(), 4, Timeout);
}

// 5. Edit → Send PDF to Dropbox: KashFlow files the invoice's PDF, which then shows among its documents.
void TestKashflowWindow::sendsThePdf()
{
    m_window->selectEntity(m_customer);
    QTRY_COMPARE(m_window->currentEntity(), m_customer);
    QAction* sendPdf = action(u"actionSendPdf"_s);
    QVERIFY(sendPdf->isVisible());
    // A customer has no PDF of its own.
    QVERIFY(!sendPdf->isEnabled());

    m_window->selectEntity(m_invoice);
    QTRY_COMPARE(m_window->currentEntity(), m_invoice);
    QVERIFY(sendPdf->isEnabled());
    sendPdf->trigger();
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_VERIFY_WITH_TIMEOUT(attachments->rowOf(u"Invoice 4455.pdf"_s) >= 0, Timeout);
    QVERIFY(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"Invoice 4455.pdf"_s).startsWith("%PDF"));
    QCOMPARE(m_emulator->requestCount(u"/v2/invoices/files/4455"_s, "POST"), 1);
    QTRY_VERIFY(m_window->messageBar()->text().contains(u"Invoice 4455.pdf"_s));
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Information);
}

// 6. KashFlow ends the session: nothing remembered, so the window asks; this time "Remember me", and the next time
//    the session ends the app signs in again by itself.
void TestKashflowWindow::endedSessionAsksThenRemembers()
{
    m_emulator->expireSessions();
    action(u"actionRefresh"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->kashflowSignInDialog(), Timeout);
    QPointer<KashflowSignInDialog> dialog = m_window->kashflowSignInDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->findChild<QLabel*>(u"reasonLabel"_s)->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit*>(u"userNameEdit"_s)->text(), m_emulator->userName());

    enterPassword(dialog, true);
    // Remembering takes the whole word; KashFlow still gets only its three characters.
    QVERIFY(dialog->findChild<QLineEdit*>(u"wordEdit"_s)->isVisible());
    QVERIFY(!dialog->findChild<QLineEdit*>(u"firstEdit"_s)->isVisible());
    WindowTest::saveScreenshot(dialog, u"kashflow-remember.png"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"wordEdit"_s), m_emulator->memorableWord());
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull() || !dialog->isVisible(), Timeout);

    const auto remembered = readKeychain();
    QVERIFY(remembered && remembered->ok);
    QVERIFY(remembered->secret.contains(m_emulator->memorableWord()));
    m_settings->sync();
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, m_emulator->memorableWord()), QStringList());
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, m_emulator->password()), QStringList());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->attachmentModel()->rowCount(), 5, Timeout);

    // Ended again: a silent sign-in, with no dialog.
    m_emulator->expireSessions();
    m_emulator->clearRequests();
    action(u"actionRefresh"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount(u"/v2/invoices/4455/files"_s, "GET") >= 2, Timeout);
    QCOMPARE(m_emulator->requestCount(u"/v2/sessiontoken"_s, "PUT"), 1);
    QVERIFY(!m_window->kashflowSignInDialog());
    QCOMPARE(m_window->attachmentModel()->rowCount(), 5);
}

// 7. File → Connect KashFlow to Dropbox: KashFlow's link opens in the embedded browser, Dropbox and KashFlow's
//    callback send it to the app's redirect, which it catches, and the window says so.
void TestKashflowWindow::connectsKashflowToDropbox()
{
    m_emulator->setDropboxConnected(false);
    QVERIFY(action(u"actionConnectKashflowDropbox"_s)->isVisible());
    // From Accounts, which shows who is signed in.
    m_window->showAccounts();
    QTRY_VERIFY(m_window->accountsDialog() && m_window->accountsDialog()->isVisible());
    QWidget* accounts = m_window->accountsDialog();
    QCOMPARE(accounts->findChild<QLabel*>(u"kashflowStatusLabel"_s)->text(), m_emulator->userName());
    WindowTest::saveScreenshot(accounts, u"kashflow-accounts.png"_s);
    auto* connectDropbox = accounts->findChild<QPushButton*>(u"kashflowDropboxButton"_s);
    QVERIFY(connectDropbox->isEnabled());
    connectDropbox->click();
    QTRY_VERIFY(!m_window->accountsDialog());
    QVERIFY(m_window->kashflowDropboxConnection());
    QSignalSpy connected(m_window->kashflowDropboxConnection(), &KashflowDropboxConnection::connected);
    QVERIFY(connected.wait(Timeout));
    QVERIFY(m_emulator->isDropboxConnected());
    QCOMPARE(m_emulator->requestCount(u"/v2/dropbox/authentication"_s, "GET"), 1);
    QCOMPARE(m_emulator->requestCount(u"/v2/dropbox/authentication/url"_s, "GET"), 1);
    QTRY_VERIFY(m_window->messageBar()->text().startsWith(u"KashFlow is connected to your Dropbox"_s));
    QTRY_VERIFY(!m_window->kashflowDropboxBrowser());
}

// 8. A link past its 5 minutes (both clocks moved on as it opened): the browser's error brings a fresh link.
void TestKashflowWindow::replacesADropboxLinkPastItsFiveMinutes()
{
    m_emulator->setDropboxConnected(false);
    m_emulator->clearRequests();
    action(u"actionConnectKashflowDropbox"_s)->trigger();
    KashflowDropboxConnection* connection = m_window->kashflowDropboxConnection();
    QVERIFY(connection);
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(6 * 60);
    QSignalSpy links(connection, &KashflowDropboxConnection::linkReady);
    QSignalSpy connected(connection, &KashflowDropboxConnection::connected);
    // Six minutes pass between the first link and the browser's getting there, on both sides.
    connect(connection, &KashflowDropboxConnection::linkReady, this, [this, connection, later, &links] {
        if (links.count() != 1)
            return;
        m_emulator->setClock([later] { return later; });
        connection->setClock([later] { return later; });
    });
    QVERIFY(connected.wait(Timeout));
    QCOMPARE(links.count(), 2);
    QCOMPARE(m_emulator->requestCount(u"/v2/dropbox/authentication"_s, "GET"), 2);
    QVERIFY(m_emulator->isDropboxConnected());
    m_emulator->setClock({});
}

// 9. A KashFlow that answers its callback with its own page rather than redirecting: that page, loaded without an
//    error, says the same.
void TestKashflowWindow::connectedWhenKashflowAnswersInsteadOfRedirecting()
{
    m_emulator->setDropboxConnected(false);
    m_emulator->setDropboxForwardsRedirect(false);
    action(u"actionConnectKashflowDropbox"_s)->trigger();
    QVERIFY(m_window->kashflowDropboxConnection());
    QSignalSpy connected(m_window->kashflowDropboxConnection(), &KashflowDropboxConnection::connected);
    QVERIFY(connected.wait(Timeout));
    QVERIFY(m_emulator->isDropboxConnected());
    QTRY_VERIFY(!m_window->kashflowDropboxBrowser());
    m_emulator->setDropboxForwardsRedirect(true);
}

// 10. Names no file may have never reach the window, nor the disk.
void TestKashflowWindow::namesThatAreNotFileNamesAreLeftOut()
{
    const QStringList hostile { u"../../escaped.txt"_s, u".."_s, u"a/b.txt"_s };
    for (const QString& name : hostile)
        QVERIFY2(m_emulator->putFile(EntityType::Invoices, u"4455"_s, name, "hostile"), qPrintable(name));
    // A good name in the same listing shows that the listing arrived.
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"fresh.txt"_s, "fresh"));
    action(u"actionRefresh"_s)->trigger();
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_VERIFY_WITH_TIMEOUT(attachments->rowOf(u"fresh.txt"_s) >= 0, Timeout);
    for (const QString& name : hostile)
        QCOMPARE(attachments->rowOf(name), -1);
    QCOMPARE(attachments->rowCount(), 6);
    QVERIFY(!QFileInfo::exists(m_root->filePath(u"escaped.txt"_s)));
    QVERIFY(!QFileInfo::exists(QDir::home().filePath(u"escaped.txt"_s)));
}

QTEST_MAIN(TestKashflowWindow)
#include "TestKashflowWindow.moc"
