// SignInBrowserDialog and SignInPage against pages served on 127.0.0.1 by the test itself: the
// redirect URI is caught (from a link, a script or a server redirect) and never requested, other
// hosts and plain http elsewhere are refused, and nothing opens a new window.

#include "SignInBrowserDialog.h"
#include "SignInPage.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebEngineNewWindowRequest>
#include <QWebEngineProfile>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Fixed pages on 127.0.0.1, and the path and query of every request that reached it.
class LoopbackServer : public QObject
{
public:
    LoopbackServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
            }
        });
    }

    QUrl url(const QString& pathAndQuery) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(pathAndQuery));
    }
    QStringList requests() const { return m_requests; }

private:
    void answer(QTcpSocket* socket)
    {
        QByteArray& request = m_pending[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        const QString target = QString::fromLatin1(request.split(' ').value(1));
        m_pending.remove(socket);
        m_requests.append(target);
        const QString path = QUrl(target).path();

        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n";
        QByteArray body;
        if (path == "/start"_L1) {
            body = startPage();
        } else if (path == "/bounce"_L1) {
            head = "HTTP/1.1 302 Found\r\nLocation: "
                + url(u"/oauth2/callback?code=bounced-code&state=s3"_s).toEncoded() + "\r\n";
        } else if (path == "/oauth2/callback"_L1 || path == "/second"_L1) {
            body = "<html><body>Loaded</body></html>";
        } else {
            head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n";
        }
        socket->write(head + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                      + body);
        socket->disconnectFromHost();
    }

    QByteArray startPage() const
    {
        const QString callback = url(u"/oauth2/callback"_s).toString();
        // Not a raw string literal: moc cannot read those.
        return QString::fromUtf8(
                   "<!DOCTYPE html><html><head><title>Sign in to Example</title></head>\n"
                   "<body style=\"font-family: sans-serif; margin: 40px\">\n"
                   "<h2>Example would like to use your account</h2>\n"
                   "<p>Allow Attach\u00e9 to read and add files in its own folder?</p>\n"
                   "<script>function allow() { location.href = '%1?code=button-code&state=s2'; }</script>\n"
                   "<button id=\"allow\" onclick=\"allow()\">Allow</button>\n"
                   "<p><a id=\"link\" href=\"%1?code=link-code&amp;state=s1\">Continue</a>\n"
                   " \u00b7 <a id=\"bounce\" href=\"/bounce\">Continue through the server</a>\n"
                   " \u00b7 <a id=\"outside\" href=\"https://outside.example/phish\">Elsewhere</a>\n"
                   " \u00b7 <a id=\"plain\" href=\"http://www.dropbox.com/login\">Unencrypted</a></p>\n"
                   "</body></html>\n")
            .arg(callback)
            .toUtf8();
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_pending;
    QStringList m_requests;
};

} // namespace

class TestSignInBrowserDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loadsStartPage();
    void profileIsOffTheRecordAndOutlivesPage();
    void linkToRedirectIsCaught();
    void buttonClickedByScriptIsCaught();
    void serverRedirectIsCaught();
    void otherHostIsRefused();
    void plainHttpIsRefusedBeyondThisComputer();
    void newWindowsAreRefused();
    void matchesRedirectOnSchemeHostPortAndPath();
    void cancelRejects();
    void savesScreenshot();

private:
    QLabel* label(const char* name) const { return m_dialog->findChild<QLabel*>(QLatin1String(name)); }
    void click(const char* id) const;

    std::unique_ptr<LoopbackServer> m_server;
    std::unique_ptr<SignInBrowserDialog> m_dialog;
};

void TestSignInBrowserDialog::initTestCase()
{
    // The icons a GNOME desktop would show (adwaita-icon-theme is among the test dependencies).
    QIcon::setThemeName(u"Adwaita"_s);
}

void TestSignInBrowserDialog::init()
{
    m_server = std::make_unique<LoopbackServer>();
    m_dialog = std::make_unique<SignInBrowserDialog>(m_server->url(u"/start"_s), m_server->url(u"/oauth2/callback"_s),
                                                     QStringList { u"www.dropbox.com"_s, u"dropbox.com"_s });
    m_dialog->setWindowTitle(u"Connect Dropbox"_s);
    QSignalSpy loaded(m_dialog->page(), &SignInPage::loadFinished);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.first().first().toBool(), true);
}

void TestSignInBrowserDialog::cleanup()
{
    m_dialog.reset();
    m_server.reset();
}

void TestSignInBrowserDialog::click(const char* id) const
{
    m_dialog->page()->runJavaScript(u"document.getElementById('%1').click()"_s.arg(QLatin1String(id)));
}

void TestSignInBrowserDialog::loadsStartPage()
{
    QCOMPARE(m_dialog->page()->title(), u"Sign in to Example"_s);
    QCOMPARE(m_server->requests().value(0), u"/start"_s);
    QVERIFY(label("hostLabel")->text().contains(u"127.0.0.1"_s));
    QCOMPARE(label("securityLabel")->text(), u"On this computer"_s);
    QVERIFY(label("statusLabel")->text().isEmpty());
    QVERIFY(m_dialog->redirectUrl().isEmpty());
}

void TestSignInBrowserDialog::profileIsOffTheRecordAndOutlivesPage()
{
    QWebEngineProfile* profile = m_dialog->page()->profile();
    QVERIFY(profile->isOffTheRecord());
    QVERIFY(profile != QWebEngineProfile::defaultProfile());
    QCOMPARE(profile->persistentCookiesPolicy(), QWebEngineProfile::NoPersistentCookies);
    QCOMPARE(profile->httpCacheType(), QWebEngineProfile::MemoryHttpCache);

    // The dialog owns both, and the page goes first.
    const QPointer<QWebEngineProfile> alive(profile);
    bool profileOutlivedPage = false;
    connect(m_dialog->page(), &QObject::destroyed, this, [&] { profileOutlivedPage = !alive.isNull(); });
    m_dialog.reset();
    QVERIFY(profileOutlivedPage);
    QVERIFY(alive.isNull());
}

void TestSignInBrowserDialog::linkToRedirectIsCaught()
{
    QSignalSpy redirected(m_dialog.get(), &SignInBrowserDialog::redirected);
    QSignalSpy finished(m_dialog.get(), &QDialog::finished);
    click("link");
    QVERIFY(redirected.wait(10000));
    const QUrl url = redirected.first().first().toUrl();
    QCOMPARE(QUrlQuery(url).queryItemValue(u"code"_s), u"link-code"_s);
    QCOMPARE(QUrlQuery(url).queryItemValue(u"state"_s), u"s1"_s);
    QCOMPARE(m_dialog->redirectUrl(), url);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(m_server->requests().filter(u"/oauth2/callback"_s), QStringList());
}

void TestSignInBrowserDialog::buttonClickedByScriptIsCaught()
{
    QSignalSpy redirected(m_dialog.get(), &SignInBrowserDialog::redirected);
    click("allow");
    QVERIFY(redirected.wait(10000));
    const QUrlQuery query(redirected.first().first().toUrl());
    QCOMPARE(query.queryItemValue(u"code"_s), u"button-code"_s);
    QCOMPARE(query.queryItemValue(u"state"_s), u"s2"_s);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_server->requests().filter(u"/oauth2/callback"_s), QStringList());
}

void TestSignInBrowserDialog::serverRedirectIsCaught()
{
    QSignalSpy redirected(m_dialog.get(), &SignInBrowserDialog::redirected);
    click("bounce");
    QVERIFY(redirected.wait(10000));
    const QUrlQuery query(redirected.first().first().toUrl());
    QCOMPARE(query.queryItemValue(u"code"_s), u"bounced-code"_s);
    QCOMPARE(query.queryItemValue(u"state"_s), u"s3"_s);
    QVERIFY(m_server->requests().contains(u"/bounce"_s));
    QCOMPARE(m_server->requests().filter(u"/oauth2/callback"_s), QStringList());
}

void TestSignInBrowserDialog::otherHostIsRefused()
{
    QSignalSpy redirected(m_dialog.get(), &SignInBrowserDialog::redirected);
    QSignalSpy refused(m_dialog->page(), &SignInPage::refused);
    click("outside");
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.first().first().toUrl(), QUrl(u"https://outside.example/phish"_s));
    QCOMPARE(label("statusLabel")->text(), u"Did not open outside.example: it is not part of this sign-in."_s);
    QCOMPARE(m_dialog->page()->url(), m_server->url(u"/start"_s));
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(redirected.size(), 0);
}

void TestSignInBrowserDialog::plainHttpIsRefusedBeyondThisComputer()
{
    QSignalSpy refused(m_dialog->page(), &SignInPage::refused);
    click("plain");
    QVERIFY(refused.wait(10000));
    QCOMPARE(label("statusLabel")->text(), u"Did not open www.dropbox.com: the connection would not be encrypted."_s);
    QCOMPARE(m_dialog->page()->url(), m_server->url(u"/start"_s));

    const SignInPage* page = m_dialog->page();
    QVERIFY(page->isAllowed(QUrl(u"https://www.dropbox.com/oauth2/authorize"_s)));
    QVERIFY(!page->isAllowed(QUrl(u"http://www.dropbox.com/oauth2/authorize"_s)));
    QVERIFY(!page->isAllowed(QUrl(u"https://www.dropbox.com.example/"_s)));
    QVERIFY(!page->isAllowed(QUrl(u"ftp://www.dropbox.com/"_s)));
    QVERIFY(page->isAllowed(m_server->url(u"/second"_s)));
    QVERIFY(SignInPage::isLoopback(u"::1"_s));
    QVERIFY(SignInPage::isLoopback(u"localhost"_s));
    QVERIFY(!SignInPage::isLoopback(u"10.0.0.1"_s));
}

void TestSignInBrowserDialog::newWindowsAreRefused()
{
    QUrl requested;
    connect(m_dialog->page(), &SignInPage::newWindowRequested, this,
            [&requested](const QWebEngineNewWindowRequest& request) { requested = request.requestedUrl(); });
    m_dialog->page()->runJavaScript(u"window.open('/second')"_s);
    QTRY_COMPARE_WITH_TIMEOUT(requested, m_server->url(u"/second"_s), 10000);
    // A window the page had taken would load at once, so by the time a later navigation of the
    // page itself reaches the server, the refused one would have too.
    QSignalSpy redirected(m_dialog.get(), &SignInBrowserDialog::redirected);
    click("bounce");
    QVERIFY(redirected.wait(10000));
    QCOMPARE(m_server->requests().filter(u"/second"_s), QStringList());
}

void TestSignInBrowserDialog::matchesRedirectOnSchemeHostPortAndPath()
{
    const SignInPage* page = m_dialog->page();
    QVERIFY(page->isRedirect(m_server->url(u"/oauth2/callback?code=x&state=y"_s)));
    QVERIFY(page->isRedirect(m_server->url(u"/oauth2/callback"_s)));
    QVERIFY(!page->isRedirect(m_server->url(u"/oauth2/callback/more"_s)));
    QVERIFY(!page->isRedirect(m_server->url(u"/oauth2/"_s)));
    QVERIFY(!page->isRedirect(QUrl(u"http://127.0.0.2:%1/oauth2/callback"_s.arg(m_server->url({}).port()))));
    QVERIFY(!page->isRedirect(QUrl(u"http://127.0.0.1:1/oauth2/callback"_s)));
    QVERIFY(!page->isRedirect(QUrl(u"https://127.0.0.1:%1/oauth2/callback"_s.arg(m_server->url({}).port()))));
}

void TestSignInBrowserDialog::cancelRejects()
{
    QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);
    m_dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(rejected.size(), 1);
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(m_dialog->redirectUrl().isEmpty());
}

void TestSignInBrowserDialog::savesScreenshot()
{
    // With a refusal in the status line, to see it laid out too.
    QSignalSpy refused(m_dialog->page(), &SignInPage::refused);
    click("outside");
    QVERIFY(refused.wait(10000));
    QDir().mkpath(QStringLiteral(ATTACHE_SCREENSHOT_DIR));
    const QString path = QStringLiteral(ATTACHE_SCREENSHOT_DIR "/sign-in-browser.png");
    QVERIFY(m_dialog->grab().save(path));
}

QTEST_MAIN(TestSignInBrowserDialog)
#include "TestSignInBrowserDialog.moc"
