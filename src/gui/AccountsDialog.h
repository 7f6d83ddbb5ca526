#pragma once

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class AccountsDialog;
}
class DropboxAccount;
class FortnoxAccount;
class FortnoxSignIn;
class DropboxSignIn;
class QNetworkAccessManager;
class Settings;
class SignInBrowserDialog;

// Connects and disconnects the accounts of remote stores. Dropbox: "Connect Dropbox…" signs in inside
// an embedded browser (OAuth 2 with PKCE), the refresh token goes to the keychain; "Disconnect" revokes
// it and deletes it there.
class AccountsDialog : public QDialog
{
    Q_OBJECT

public:
    AccountsDialog(Settings& settings, QWidget* parent = nullptr);
    ~AccountsDialog() override;

    // Where documents are kept now, and the KashFlow user signed in there (empty when it is not KashFlow).
    void setCurrentStore(const QString& uri, const QString& kashflowUser);

    // The sign-in browser while it is open, for tests and screenshots.
    SignInBrowserDialog* signInBrowser() const;

    void connectDropbox();
    void disconnectDropbox();
    // Fortnox: the authorization code in the embedded browser, or an older integration's access token.
    void connectFortnox();
    void disconnectFortnox();

signals:
    // The user chose to keep documents in this store from now on.
    void storeChosen(const QString& uri);
    void dropboxConnected();
    void dropboxDisconnected();
    // KashFlow's sign-in and Dropbox connection are the window's, as they change the store it shows.
    void kashflowSignInRequested();
    void kashflowDropboxRequested();
    void fortnoxConnected();
    void fortnoxDisconnected();

private:
    void updateDropbox();
    void updateFortnox();
    void showFortnoxMessage(const QString& message, bool isError);
    void finishFortnox(const QString& message, bool isError);
    void signInToFortnox(const QString& clientId, const QString& clientSecret);
    void showDropboxMessage(const QString& message, bool isError);
    // The end of a connect or disconnect, with what to say about it (nothing when empty).
    void finishBusy(const QString& message, bool isError);

    const std::unique_ptr<Ui::AccountsDialog> m_ui;
    Settings& m_settings;
    QNetworkAccessManager* m_network;
    DropboxAccount* m_dropbox;
    QPointer<DropboxSignIn> m_signIn;
    QPointer<SignInBrowserDialog> m_browser;
    bool m_busy = false;
    FortnoxAccount* m_fortnox;
    QPointer<FortnoxSignIn> m_fortnoxSignIn;
    bool m_fortnoxBusy = false;
};
