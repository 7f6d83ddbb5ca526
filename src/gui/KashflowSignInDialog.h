#pragma once

#include "KashflowSession.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace Ui {
class KashflowSignInDialog;
}
class KashflowSignIn;
class QLineEdit;
class QNetworkAccessManager;

// KashFlow's sign-in, in two steps: the user name and password, then the characters of the memorable word at the
// three positions KashFlow names. With "Remember me" the second step asks for the whole word instead, and the
// password and word go to the system keychain (and nowhere else) once KashFlow has accepted them. The session token
// is handed over in memory by signedIn().
class KashflowSignInDialog : public QDialog
{
    Q_OBJECT

public:
    // reason: why the user is asked (a session that ended), or empty.
    KashflowSignInDialog(const QUrl& baseUrl, const QString& userName, const QString& reason,
                         QWidget* parent = nullptr);
    ~KashflowSignInDialog() override;

    QString userName() const;
    // Goes on to the next step; the dialog closes itself once KashFlow has given a session.
    void accept() override;
    void reject() override;

signals:
    // remembered: the credentials now in the keychain, or empty ones when the user did not ask to be remembered.
    // keychainProblem: why they could not be kept there, if they could not; the session is good all the same.
    void signedIn(const QString& sessionToken, const KashflowSession::Credentials& remembered,
                  const QString& keychainProblem);

private:
    void askForCharacters(const QList<int>& positions);
    // Shows one of the pages, the dialog as tall as that page needs: the taller page's room would stay empty.
    void showPage(QWidget* page);
    void finish(const QString& sessionToken);
    void showProblem(const QString& message);
    void setBusy(bool busy, const QString& status = {});
    QList<QLineEdit*> characterEdits() const;
    bool onCredentialsPage() const;

    const std::unique_ptr<Ui::KashflowSignInDialog> m_ui;
    QNetworkAccessManager* m_network;
    KashflowSignIn* m_signIn;
    bool m_busy = false;
    bool m_remembering = false;
};
