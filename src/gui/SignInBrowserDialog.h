#pragma once

#include <QDialog>
#include <QStringList>
#include <QUrl>

#include <memory>

class QWebEngineProfile;
class SignInPage;

namespace Ui {
class SignInBrowserDialog;
}

// A small browser for a service's sign-in (OAuth) pages: Dropbox, and the services that connect to
// it. It shows which host the page is on and whether the connection is encrypted, keeps to the
// allowed hosts, and closes (accepted) as soon as the service sends the browser to the redirect
// URI, handing over that URL, code and state included; the redirect itself is never loaded.
// Nothing of the session outlives the dialog: its profile is off the record.
class SignInBrowserDialog : public QDialog
{
    Q_OBJECT

public:
    // The start URL's host is always allowed. Hosts must be https unless they are this machine.
    SignInBrowserDialog(const QUrl& startUrl, const QUrl& redirectUri, const QStringList& allowedHosts,
                        QWidget* parent = nullptr);
    ~SignInBrowserDialog() override;

    SignInPage* page() const { return m_page.get(); }
    // Where the service sent the browser, once it has; empty before.
    QUrl redirectUrl() const { return m_redirectUrl; }
    // Starts again from another page of the same sign-in (a fresh link for an expired one).
    void load(const QUrl& url);

signals:
    void redirected(const QUrl& url);
    // A page loaded; or it could not be, or the server answered it with an HTTP error.
    void pageLoaded(const QUrl& url);
    void pageFailed(const QUrl& url);

private:
    void showAddress(const QUrl& url);
    void finishWith(const QUrl& url);
    void showRefusal(const QUrl& url);

    const std::unique_ptr<Ui::SignInBrowserDialog> m_ui;
    // Declared before the page, so destroyed after it: a page must never outlive its profile.
    const std::unique_ptr<QWebEngineProfile> m_profile;
    const std::unique_ptr<SignInPage> m_page;
    QUrl m_redirectUrl;
};
