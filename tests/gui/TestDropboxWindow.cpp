// The whole Dropbox flow through the real window, against the loopback Dropbox emulator: Connect Dropbox
// in the Accounts dialog signs in inside the embedded browser, the refresh token lands in the real keychain
// (GNOME Keyring on a private D-Bus session) and nowhere else on disk, "Keep documents in Dropbox" switches
// the window to dropbox:/Accounting, and then records, uploads (one big enough for an upload session),
// thumbnails, downloads, deletes and moves all go to the emulator. Last, a forged state and a code
// exchanged with the wrong PKCE verifier are refused.
//
// Runs under tests/with-keyring.sh and xvfb-run (see CMakeLists.txt); the cases are steps of one story and
// run in order.

#include "../KeyringTestHelpers.h"
#include "AccountsDialog.h"
#include "AttachmentModel.h"
#include "ContentHasher.h"
#include "DropboxEmulator.h"
#include "DropboxEndpoints.h"
#include "DropboxSignIn.h"
#include "DropboxStore.h"
#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "NewEntityDialog.h"
#include "NotificationBatcher.h"
#include "SampleDocuments.h"
#include "SecretStore.h"
#include "Settings.h"
#include "SignInBrowserDialog.h"
#include "SignInPage.h"
#include "Store.h"
#include "ThumbnailCache.h"
#include "TransferQueue.h"
#include "TrayIcon.h"
#include "WindowTestHelpers.h"

#include <QAbstractProxyModel>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <QUrlQuery>
#include <QWebEngineView>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;
// Above the store's default single-request limit (150 MiB): only an upload session can carry it.
constexpr qint64 BigFileSize = 200 * MiB;
// Smaller than this, a screenshot is all but blank: the window or page in it did not paint.
constexpr qint64 ScreenshotMinimumBytes = 5000;

// Not one repeated byte: a mix-up of blocks or offsets must change the hash.
bool writeBigFile(const QString& path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QList<quint32> block(MiB / sizeof(quint32));
    for (qint64 written = 0; written < size; written += MiB) {
        QRandomGenerator(quint32(written / MiB)).fillRange(block.data(), block.size());
        if (file.write(reinterpret_cast<const char*>(block.constData()), MiB) != MiB)
            return false;
    }
    return file.size() == size;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDropboxWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectsInEmbeddedBrowser();
    void refreshTokenIsOnlyInKeychain();
    void keepsDocumentsInDropbox();
    void uploadsImagesAndLargeFile();
    void showsThumbnailsInGrid();
    void downloadsRemovesAndMoves();
    void forgedStateAndWrongVerifierAreRefused();
    void showsChangesMadeElsewhere();
    void reconnectingStartsAgainWithTheAccount();
    void startsFromCacheWithDropboxUnreachable();

private:
    QTreeView* entityTree() const { return WindowTest::entityTree(*m_window); }
    QModelIndex treeIndex(const EntityRef& entity) const { return WindowTest::treeIndex(*m_window, entity); }
    template<typename T> T* accountsChild(const QString& name) const
    {
        return m_window->accountsDialog() ? m_window->accountsDialog()->findChild<T*>(name) : nullptr;
    }
    QString local(const QString& name) const { return m_root->filePath(u"files/"_s + name); }
    // The reply's error string, empty on success; waits for it.
    QString await(StoreReply* reply);
    QString remotePath(const QString& name) const { return u"/Accounting/Invoices/4455/"_s + name; }
    AttachmentRef ref(const QString& name) const { return AttachmentRef { m_invoice, name }; }
    // The body of a GET, and where it redirects to (not followed).
    std::pair<QByteArray, QUrl> get(const QUrl& url);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<DropboxEmulator> m_emulator;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_network;
    // The plural forms ("3 new documents") are in the English translation, as the app installs it.
    QTranslator m_english;
    QString m_refreshToken;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
    const EntityRef m_inbox { EntityType::Inbox, u"Unsorted"_s };
    const EntityRef m_otherInvoice { EntityType::Invoices, u"4456"_s };
};

void TestDropboxWindow::initTestCase()
{
    // Never the developer's own keyring, nor a display of theirs.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring and X server: tests/with-keyring.sh xvfb-run TestDropboxWindow");
    QVERIFY(WindowTest::prepareApplication(m_english));

    m_root = WindowTest::scratchInHome();
    QVERIFY(m_root);

    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    // What the accountant already keeps in Dropbox.
    QVERIFY(SampleDocuments::writePdf(local(u"scan.pdf"_s), u"SCANNED BILL"_s));
    QVERIFY(SampleDocuments::writePdf(local(u"Invoice 4456.pdf"_s), u"INVOICE 4456"_s));
    QVERIFY(m_emulator->putFileFromDisk(u"/Accounting/Inbox/Unsorted/scan.pdf"_s, local(u"scan.pdf"_s)));
    QVERIFY(m_emulator->putFileFromDisk(u"/Accounting/Invoices/4456/Invoice 4456.pdf"_s, local(u"Invoice 4456.pdf"_s)));
    QVERIFY(m_emulator->putFile(u"/Accounting/Customers/ACME01/contract.txt"_s, "Net 30"));

    // Before the window exists: the endpoints are read when a store or sign-in is made.
    qputenv("ATTACHE_DROPBOX_BASE_URL", m_emulator->baseUrl().toString().toUtf8());
    qunsetenv("ATTACHE_DROPBOX_APP_KEY");
    m_settings = WindowTest::localSettings(*m_root);
    m_settings->setDropboxAppKey(m_emulator->appKey());
    m_window = std::make_unique<MainWindow>(*m_settings);
    WindowTest::showAndWaitFor(*m_window, EntityRef { EntityType::Invoices, u"1001"_s });
}

void TestDropboxWindow::cleanupTestCase()
{
    m_window.reset();
    m_settings.reset();
    m_emulator.reset();
    m_root.reset();
}

QString TestDropboxWindow::await(StoreReply* reply)
{
    const std::unique_ptr<StoreReply> owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &StoreReply::finished);
        if (!finished.wait(60000))
            return u"no answer"_s;
    }
    return reply->error() == StoreReply::Error::None ? QString() : reply->errorString();
}

std::pair<QByteArray, QUrl> TestDropboxWindow::get(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30000))
        return {};
    const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    return { reply->readAll(), location };
}

// 1. Accounts → Connect Dropbox → the emulator's authorization page in the sign-in browser → Allow.
void TestDropboxWindow::connectsInEmbeddedBrowser()
{
    m_window->showAccounts();
    QTRY_VERIFY(m_window->accountsDialog() && m_window->accountsDialog()->isVisible());
    AccountsDialog* accounts = m_window->accountsDialog();
    QVERIFY(QTest::qWaitForWindowExposed(accounts));
    auto* connectButton = accountsChild<QPushButton>(u"connectButton"_s);
    auto* useButton = accountsChild<QPushButton>(u"useDropboxButton"_s);
    QVERIFY(connectButton && useButton);
    QCOMPARE(accountsChild<QLabel>(u"dropboxStatusLabel"_s)->text(), u"Not connected"_s);
    QVERIFY(connectButton->isEnabled());
    QVERIFY(!useButton->isEnabled());

    QSignalSpy connected(accounts, &AccountsDialog::dropboxConnected);
    connectButton->click();
    const QPointer<SignInBrowserDialog> browser = accounts->signInBrowser();
    QVERIFY(browser);
    QSignalSpy loaded(browser->page(), &SignInPage::loadFinished);
    QVERIFY(QTest::qWaitForWindowExposed(browser));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.last().first().toBool(), true);
    QCOMPARE(browser->page()->url().path(), u"/oauth2/authorize"_s);
    QCOMPARE(browser->page()->title(), u"API Request Authorization - Dropbox"_s);
    QVERIFY(browser->findChild<QLabel*>(u"hostLabel"_s)->text().contains(u"127.0.0.1"_s));
    QVERIFY(!connectButton->isEnabled());
    // Loaded is not yet painted: wait until the page's text shows, then keep the picture.
    auto* view = browser->findChild<QWebEngineView*>(u"webView"_s);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(WindowTest::showsText(view->grab().toImage()), 20000);
    WindowTest::saveScreenshot(browser, u"dropbox-sign-in.png"_s, ScreenshotMinimumBytes);

    // The emulator answers Allow with a redirect to http://localhost/attache-signin, which the browser
    // catches without loading; the code is exchanged, the account asked for and the token kept.
    browser->page()->runJavaScript(u"document.getElementById('allow').click()"_s);
    QVERIFY(connected.wait(30000));
    QTRY_VERIFY(browser.isNull() || !browser->isVisible());
    QCOMPARE(m_emulator->requestCount(u"/oauth2/authorize/decision"_s), 1);
    QCOMPARE(m_emulator->requestCount(u"/oauth2/token"_s), 1);
    QCOMPARE(m_settings->dropboxAccountId(), DropboxEmulatorAuth::accountId());
    QVERIFY(!m_settings->dropboxAccountName().isEmpty());
    QCOMPARE(accountsChild<QLabel>(u"dropboxStatusLabel"_s)->text(), m_settings->dropboxAccountName());
    QVERIFY(accountsChild<QLabel>(u"dropboxMessageLabel"_s)->text().startsWith(u"Connected to Dropbox as "_s));
    QVERIFY(useButton->isEnabled());
    QVERIFY(connectButton->isEnabled());
    QCOMPARE(m_window->store()->uri().left(6), u"local:"_s);
    WindowTest::saveScreenshot(accounts, u"dropbox-accounts.png"_s, ScreenshotMinimumBytes);
}

// 2. The refresh token is in the keychain, works, and is in no file: not the settings, not a cache.
void TestDropboxWindow::refreshTokenIsOnlyInKeychain()
{
    QVERIFY2(!m_settings->dropboxAccountId().isEmpty(), "not connected");
    std::optional<SecretStore::Result> read;
    QObject context;
    SecretStore::readSecret(DropboxStore::keychainKey(m_settings->dropboxAccountId()), &context,
                            [&read](const SecretStore::Result& result) { read = result; });
    QTRY_VERIFY(read);
    QVERIFY2(read->ok, qPrintable(read->errorString));
    QVERIFY(read->secret.size() >= 32);
    m_refreshToken = read->secret;

    // The emulator knows it as a live refresh token.
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
    form.addQueryItem(u"refresh_token"_s, m_refreshToken);
    form.addQueryItem(u"client_id"_s, m_emulator->appKey());
    QNetworkRequest request(DropboxEndpoints::withBaseUrl(m_emulator->baseUrl()).tokenUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("\"access_token\""));

    m_settings->sync();
    const QFileInfo settingsFile(m_root->filePath(u"settings.ini"_s));
    QVERIFY(settingsFile.size() > 0);
    const QFileInfo keyring(QDir::home().filePath(u".local/share/keyrings/login.keyring"_s));
    QVERIFY2(keyring.size() > 0, qPrintable(keyring.filePath()));
    // HOME is the wrapper's throwaway root, with the XDG directories and the settings inside it.
    QVERIFY(settingsFile.absoluteFilePath().startsWith(QDir::homePath() + QLatin1Char('/')));
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath(), settingsFile.absolutePath() }, m_refreshToken),
             QStringList());
    // The search does find a plain copy.
    const QString plain = m_root->filePath(u"plain.txt"_s);
    QVERIFY(SampleDocuments::writeText(plain, u"token=%1\n"_s.arg(m_refreshToken).toUtf8()));
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, m_refreshToken), QStringList { plain });
    QVERIFY(QFile::remove(plain));
}

// 3. "Keep documents in Dropbox" with the folder /Accounting: the window now shows the Dropbox store.
void TestDropboxWindow::keepsDocumentsInDropbox()
{
    QVERIFY2(m_window->accountsDialog(), "the Accounts dialog is gone");
    auto* folder = accountsChild<QLineEdit>(u"folderEdit"_s);
    auto* useButton = accountsChild<QPushButton>(u"useDropboxButton"_s);
    QVERIFY(folder && useButton && useButton->isEnabled());
    folder->clear();
    QTest::keyClicks(folder, u"/Accounting"_s);
    useButton->click();

    QCOMPARE(m_window->store()->uri(), u"dropbox:/Accounting"_s);
    QCOMPARE(m_settings->storeUri(), u"dropbox:/Accounting"_s);
    QVERIFY(qobject_cast<DropboxStore*>(m_window->store()));
    QCOMPARE(m_window->transferQueue()->store(), m_window->store());
    QTRY_VERIFY(!m_window->accountsDialog());
    // The tree lists what is in the emulator's /Accounting.
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(m_inbox).isValid(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(m_otherInvoice).isValid(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(EntityRef { EntityType::Customers, u"ACME01"_s }).isValid(), 30000);
    QVERIFY(!treeIndex(EntityRef { EntityType::Invoices, u"1001"_s }).isValid());
}

// 4. A new record from the window, then two images and a 200 MiB file uploaded to it.
void TestDropboxWindow::uploadsImagesAndLargeFile()
{
    QVERIFY2(qobject_cast<DropboxStore*>(m_window->store()), "not on Dropbox");
    m_window->selectEntity(m_otherInvoice);
    m_window->findChild<QAction*>(u"actionNewEntity"_s)->trigger();
    NewEntityDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<NewEntityDialog*>()) != nullptr);
    QCOMPARE(dialog->entity().type, EntityType::Invoices);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"keyEdit"_s), u"4455"_s);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(treeIndex(m_invoice).isValid(), 30000);
    QVERIFY(m_emulator->hasFolder(u"/Accounting/Invoices/4455"_s));
    QTRY_COMPARE(m_window->currentEntity(), m_invoice);
    QTRY_VERIFY(!m_window->attachmentModel()->isLoading());
    QCOMPARE(m_window->attachmentModel()->rowCount(), 0);

    QVERIFY(SampleDocuments::writeImage(local(u"receipt.jpg"_s), 1200, 900, QColor(0xe6, 0x7e, 0x22)));
    QVERIFY(SampleDocuments::writeImage(local(u"taxi.png"_s), 480, 640, QColor(0x1f, 0x61, 0x8d)));
    QVERIFY(writeBigFile(local(u"statements-2023.zip"_s), BigFileSize));

    TransferQueue* queue = m_window->transferQueue();
    QSignalSpy drained(queue, &TransferQueue::drained);
    m_window->uploadFiles({ QUrl::fromLocalFile(local(u"receipt.jpg"_s)), QUrl::fromLocalFile(local(u"taxi.png"_s)),
                            QUrl::fromLocalFile(local(u"statements-2023.zip"_s)) },
                          m_invoice);
    QCOMPARE(queue->count(), 3);
    QVERIFY(drained.wait(600000));
    QTRY_COMPARE_WITH_TIMEOUT(queue->pendingCount(), 0, 600000);
    const QList<int> ids = queue->ids();
    for (int id : ids) {
        const Transfer transfer = queue->transfer(id);
        QVERIFY2(transfer.state == Transfer::State::Done,
                 qPrintable(transfer.localPath + u": "_s + transfer.errorString));
    }

    QCOMPARE(m_emulator->fileContent(remotePath(u"receipt.jpg"_s)), readFile(local(u"receipt.jpg"_s)));
    QVERIFY(m_emulator->hasFile(remotePath(u"taxi.png"_s)));
    QVERIFY(m_emulator->hasFile(remotePath(u"statements-2023.zip"_s)));
    const QString localHash = ContentHasher::hashFile(local(u"statements-2023.zip"_s));
    QVERIFY(!localHash.isEmpty());
    QCOMPARE(m_emulator->fileContentHash(remotePath(u"statements-2023.zip"_s)), localHash);
    // The small files in one request each; the big one in a session of 32 MiB appends.
    QCOMPARE(m_emulator->requestCount(u"/2/files/upload"_s), 2);
    QCOMPARE(m_emulator->requestCount(u"/2/files/upload_session/start"_s), 1);
    QVERIFY(m_emulator->requestCount(u"/2/files/upload_session/append_v2"_s) >= 1);
    QCOMPARE(m_emulator->requestCount(u"/2/files/upload_session/finish"_s), 1);
    QCOMPARE(m_emulator->activeUploadSessions(), 0);
    for (const EmulatorServer::LoggedRequest& logged : m_emulator->requests())
        QVERIFY2(logged.bodySize <= DropboxEmulator::MaxRequestBytes, qPrintable(logged.request.path()));
}

// 5. The window lists the uploads, with thumbnails Dropbox made for the images.
void TestDropboxWindow::showsThumbnailsInGrid()
{
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_COMPARE_WITH_TIMEOUT(attachments->rowCount(), 3, 30000);
    m_window->resize(1100, 700);
    m_window->setViewMode(MainWindow::GridMode);
    QCOMPARE(m_window->viewMode(), MainWindow::GridMode);
    for (const QString& name : { u"receipt.jpg"_s, u"taxi.png"_s }) {
        const int row = attachments->rowOf(name);
        QVERIFY2(row >= 0, qPrintable(name));
        const QString hash = attachments->attachmentAt(row).contentHash;
        QVERIFY2(!hash.isEmpty(), qPrintable(name));
        QCOMPARE(hash, ContentHasher::hashFile(local(name)));
        // As a view asks; the thumbnail comes from Dropbox, as remote stores keep no local file.
        attachments->index(row, 0).data(Qt::DecorationRole);
        QVERIFY(m_window->store()->localFilePath(ref(name)).isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(!m_window->thumbnailCache()->thumbnail(hash, m_window->store(), ref(name)).isNull(),
                                  qPrintable(name), 30000);
        const QSize largest = m_window->thumbnailCache()
                                  ->thumbnail(hash, m_window->store(), ref(name))
                                  .actualSize(QSize(ThumbnailCache::MaxSide * 2, ThumbnailCache::MaxSide * 2));
        QVERIFY(qMax(largest.width(), largest.height()) <= ThumbnailCache::MaxSide);
    }
    const int taxi = attachments->rowOf(u"taxi.png"_s);
    const QSize portrait
        = m_window->thumbnailCache()
              ->thumbnail(attachments->attachmentAt(taxi).contentHash, m_window->store(), ref(u"taxi.png"_s))
              .actualSize(QSize(ThumbnailCache::MaxSide, ThumbnailCache::MaxSide));
    QVERIFY(portrait.height() > portrait.width());
    QVERIFY(m_emulator->requestCount(u"/2/files/get_thumbnail_batch"_s)
                + m_emulator->requestCount(u"/2/files/get_thumbnail_v2"_s)
            >= 1);
    QVERIFY(m_window->windowTitle().contains(u"4455"_s));
    WindowTest::saveScreenshot(m_window.get(), u"dropbox-invoice.png"_s, ScreenshotMinimumBytes);
}

// 6. Save a copy, delete one and file the Inbox scan on the invoice, through the window's store.
void TestDropboxWindow::downloadsRemovesAndMoves()
{
    Store* store = m_window->store();
    QVERIFY2(qobject_cast<DropboxStore*>(store), "not on Dropbox");
    QVERIFY(QDir().mkpath(m_root->filePath(u"saved"_s)));
    const QString saved = m_root->filePath(u"saved/receipt.jpg"_s);
    QCOMPARE(await(store->download(ref(u"receipt.jpg"_s), saved)), QString());
    QVERIFY(!readFile(saved).isEmpty());
    QCOMPARE(readFile(saved), readFile(local(u"receipt.jpg"_s)));

    QCOMPARE(await(store->remove(ref(u"taxi.png"_s))), QString());
    QVERIFY(!m_emulator->hasFile(remotePath(u"taxi.png"_s)));

    StoreReply* move = store->move(AttachmentRef { m_inbox, u"scan.pdf"_s }, m_invoice);
    QSignalSpy moved(move, &StoreReply::finished);
    QVERIFY(move->isFinished() || moved.wait(60000));
    QCOMPARE(move->error(), StoreReply::Error::None);
    QCOMPARE(move->attachment().name, u"scan.pdf"_s);
    delete move;
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Inbox/Unsorted/scan.pdf"_s));
    QVERIFY(m_emulator->hasFile(remotePath(u"scan.pdf"_s)));
    QCOMPARE(m_emulator->fileContentHash(remotePath(u"scan.pdf"_s)), ContentHasher::hashFile(local(u"scan.pdf"_s)));

    // The window sees it all once refreshed.
    m_window->findChild<QAction*>(u"actionRefresh"_s)->trigger();
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_VERIFY_WITH_TIMEOUT(attachments->rowOf(u"scan.pdf"_s) >= 0 && attachments->rowOf(u"taxi.png"_s) < 0, 30000);
    QCOMPARE(attachments->rowCount(), 3);
}

// 7. A redirect whose state is not this sign-in's is refused before any exchange; a real code
//    exchanged by another sign-in (another PKCE verifier) is refused by Dropbox.
void TestDropboxWindow::forgedStateAndWrongVerifierAreRefused()
{
    m_emulator->setAutoApprove(true);
    const DropboxEndpoints endpoints = DropboxEndpoints::withBaseUrl(m_emulator->baseUrl());
    const QString appKey = m_emulator->appKey();

    // A real answer, with its state replaced.
    DropboxSignIn signIn(&m_network, endpoints, appKey, DropboxSignIn::defaultRedirectUri());
    const QUrl answer = get(signIn.authorizeUrl()).second;
    QCOMPARE(answer.host(), u"localhost"_s);
    QCOMPARE(answer.path(), u"/attache-signin"_s);
    QUrlQuery query(answer);
    QVERIFY(!query.queryItemValue(u"code"_s).isEmpty());
    query.removeAllQueryItems(u"state"_s);
    query.addQueryItem(u"state"_s, u"forged"_s);
    QUrl forged = answer;
    forged.setQuery(query);
    QSignalSpy failed(&signIn, &DropboxSignIn::failed);
    QSignalSpy succeeded(&signIn, &DropboxSignIn::succeeded);
    const int exchanges = m_emulator->requestCount(u"/oauth2/token"_s);
    signIn.handleRedirect(forged);
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(u"did not match"_s));
    QCOMPARE(m_emulator->requestCount(u"/oauth2/token"_s), exchanges);
    // Without a state at all, likewise.
    QUrl stateless = answer;
    QUrlQuery withoutState(answer);
    withoutState.removeAllQueryItems(u"state"_s);
    stateless.setQuery(withoutState);
    signIn.handleRedirect(stateless);
    QCOMPARE(failed.size(), 2);
    // The untouched answer goes through: only the state made the difference.
    signIn.handleRedirect(answer);
    QVERIFY(succeeded.wait(30000));
    QCOMPARE(failed.size(), 2);

    // A code shown for pasting (no redirect URI), exchanged by a sign-in that did not ask for it.
    DropboxSignIn asked(&m_network, endpoints, appKey, QUrl());
    const QByteArray page = get(asked.authorizeUrl()).first;
    const QRegularExpressionMatch match
        = QRegularExpression(u"<code id=\"code\">([^<]+)</code>"_s).match(QString::fromUtf8(page));
    QVERIFY2(match.hasMatch(), page.constData());
    const QString code = match.captured(1);
    DropboxSignIn other(&m_network, endpoints, appKey, QUrl());
    QVERIFY(other.codeChallenge() != asked.codeChallenge());
    QSignalSpy otherFailed(&other, &DropboxSignIn::failed);
    QSignalSpy otherSucceeded(&other, &DropboxSignIn::succeeded);
    other.exchangeCode(code);
    QVERIFY(otherFailed.wait(30000));
    QVERIFY(otherSucceeded.isEmpty());
    // The one that asked, with its own verifier, still can.
    QSignalSpy askedSucceeded(&asked, &DropboxSignIn::succeeded);
    QSignalSpy askedFailed(&asked, &DropboxSignIn::failed);
    asked.exchangeCode(code);
    QVERIFY(askedSucceeded.wait(30000));
    QVERIFY(askedFailed.isEmpty());
}

// 8. A colleague files three documents on another invoice straight into Dropbox: they show up in the open
//    window without a refresh, the selection stays, and one notification sums them up.
void TestDropboxWindow::showsChangesMadeElsewhere()
{
    // A window of its own, so that the notifications of the previous steps' direct store calls are not counted.
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->notificationBatcher()->setQuietInterval(300);
    m_window->selectEntity(m_otherInvoice);
    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_VERIFY_WITH_TIMEOUT(attachments->rowOf(u"Invoice 4456.pdf"_s) >= 0 && !attachments->isLoading(), 30000);
    auto* details = m_window->findChild<QTreeView*>(u"detailsView"_s);
    const auto* proxy = qobject_cast<const QAbstractProxyModel*>(details->model());
    const QModelIndex selected = proxy->mapFromSource(attachments->index(attachments->rowOf(u"Invoice 4456.pdf"_s), 0));
    details->selectionModel()->select(selected, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Watching has begun once the window has its cursor.
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount(u"/2/files/list_folder/longpoll"_s) > 0, 30000);

    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    for (const QString& name : { u"credit note.pdf"_s, u"delivery note.pdf"_s, u"remittance.pdf"_s })
        QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4456/"_s + name, name.toUtf8()));

    QTRY_VERIFY_WITH_TIMEOUT(attachments->rowOf(u"remittance.pdf"_s) >= 0, 30000);
    QCOMPARE(attachments->rowCount(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(notified.count() >= 1, 30000);
    // One for the burst, not one per file.
    QVERIFY(!notified.wait(1000));
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(1).toString(), u"3 new documents on Invoice 4456"_s);
    const QModelIndexList rows = details->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data().toString(), u"Invoice 4456.pdf"_s);
    const QModelIndex count
        = m_window->entityModel()->indexOf(m_otherInvoice).siblingAtColumn(EntityTreeModel::CountColumn);
    QCOMPARE(count.data().toInt(), 4);
    WindowTest::saveScreenshot(m_window.get(), u"dropbox-changes.png"_s, ScreenshotMinimumBytes);
}

// 9. Connecting again while the window shows Dropbox, perhaps as another account: the window starts again with the
//    account connected now, so that nothing queued for another runs on it unasked.
void TestDropboxWindow::reconnectingStartsAgainWithTheAccount()
{
    const QPointer<Store> before = m_window->store();
    QVERIFY(qobject_cast<DropboxStore*>(before.data()));
    m_window->showAccounts();
    QTRY_VERIFY(m_window->accountsDialog() && m_window->accountsDialog()->isVisible());
    AccountsDialog* accounts = m_window->accountsDialog();
    QSignalSpy connected(accounts, &AccountsDialog::dropboxConnected);
    // Allowed at once: the sign-in browser comes and goes by itself.
    m_emulator->setAutoApprove(true);
    accountsChild<QPushButton>(u"connectButton"_s)->click();
    QVERIFY(connected.wait(30000));
    QTRY_VERIFY(before.isNull());
    auto* store = qobject_cast<DropboxStore*>(m_window->store());
    QVERIFY(store);
    QCOMPARE(store->accountUri(), store->uri() + u'#' + DropboxEmulatorAuth::accountId());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->entityModel()->indexOf(m_otherInvoice).isValid(), 30000);
    accounts->close();
}

// 10. The next morning Dropbox cannot be reached: the window still opens with every record and document as
//    last seen.
void TestDropboxWindow::startsFromCacheWithDropboxUnreachable()
{
    m_window.reset();
    m_emulator.reset();
    QVERIFY(m_settings->storeUri().startsWith(u"dropbox:"_s));
    m_window = std::make_unique<MainWindow>(*m_settings);
    // At once, before any answer could have come.
    QVERIFY(qobject_cast<DropboxStore*>(m_window->store()));
    EntityTreeModel* entities = m_window->entityModel();
    QVERIFY(entities->hasCachedListing());
    QVERIFY(entities->indexOf(m_invoice).isValid());
    QVERIFY(entities->indexOf(m_otherInvoice).isValid());
    QVERIFY(entities->indexOf(EntityRef { EntityType::Customers, u"ACME01"_s }).isValid());
    m_window->selectEntity(m_otherInvoice);
    AttachmentModel* attachments = m_window->attachmentModel();
    QCOMPARE(attachments->rowCount(), 4);
    QVERIFY(attachments->rowOf(u"remittance.pdf"_s) >= 0);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    WindowTest::saveScreenshot(m_window.get(), u"dropbox-offline.png"_s, ScreenshotMinimumBytes);
}

QTEST_MAIN(TestDropboxWindow)
#include "TestDropboxWindow.moc"
