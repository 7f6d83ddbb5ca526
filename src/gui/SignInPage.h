#pragma once

#include <QStringList>
#include <QUrl>
#include <QWebEnginePage>

// A web page for signing in to a service and nothing else: it opens only the allowed hosts, over
// https unless on this machine, never opens new windows, and catches the navigation to the redirect
// URI (OAuth's answer, with the code and state) instead of loading it.
class SignInPage : public QWebEnginePage
{
    Q_OBJECT

public:
    SignInPage(const QUrl& redirectUri, const QStringList& allowedHosts, QWebEngineProfile* profile,
               QObject* parent = nullptr);

    // Same scheme, host, port and path as the redirect URI; the query (code, state) is free.
    bool isRedirect(const QUrl& url) const;
    bool isAllowedHost(const QString& host) const;
    // An allowed host, over https, or over http when the host is this machine.
    bool isAllowed(const QUrl& url) const;
    // 127.0.0.1, ::1 or localhost: plain http is acceptable there, as nothing leaves the machine.
    static bool isLoopback(const QString& host);

signals:
    // The main frame went to the redirect URI; the page did not load it.
    void redirected(const QUrl& url);
    // The main frame was kept from going to the URL.
    void refused(const QUrl& url);

protected:
    bool acceptNavigationRequest(const QUrl& url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage* createWindow(WebWindowType type) override;

private:
    const QUrl m_redirectUri;
    const QStringList m_allowedHosts;
};
