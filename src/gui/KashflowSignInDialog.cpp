#include "KashflowSignInDialog.h"
#include "ui_KashflowSignInDialog.h"

#include "KashflowSignIn.h"
#include "KashflowStore.h"

#include <QNetworkAccessManager>
#include <QPushButton>

KashflowSignInDialog::KashflowSignInDialog(const QUrl& baseUrl, const QString& userName, const QString& reason,
                                           QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::KashflowSignInDialog>())
    , m_network(new QNetworkAccessManager(this))
    , m_signIn(new KashflowSignIn(m_network, baseUrl, this))
{
    m_ui->setupUi(this);
    m_ui->reasonLabel->setText(reason.isEmpty() ? tr("Sign in with your KashFlow user name and password. KashFlow "
                                                     "then asks for three characters of your memorable word.")
                                                : reason);
    m_ui->userNameEdit->setText(userName);
    showPage(m_ui->credentialsPage);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Next"));
    (userName.isEmpty() ? m_ui->userNameEdit : m_ui->passwordEdit)->setFocus();

    // Each box takes one character and hands on to the next, as bank sign-ins do.
    const QList<QLineEdit*> edits = characterEdits();
    for (int i = 0; i + 1 < edits.size(); ++i) {
        connect(edits.at(i), &QLineEdit::textEdited, edits.at(i + 1), [next = edits.at(i + 1)](const QString& text) {
            if (!text.isEmpty())
                next->setFocus();
        });
    }
    connect(m_signIn, &KashflowSignIn::positionsRequested, this, &KashflowSignInDialog::askForCharacters);
    connect(m_signIn, &KashflowSignIn::signedIn, this, &KashflowSignInDialog::finish);
    connect(m_signIn, &KashflowSignIn::failed, this, [this](const QString& message) {
        // A temporary token answers once: whatever failed, the sign-in starts again from the password.
        showPage(m_ui->credentialsPage);
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Next"));
        setBusy(false);
        showProblem(message);
        m_ui->passwordEdit->setFocus();
        m_ui->passwordEdit->selectAll();
    });
}

KashflowSignInDialog::~KashflowSignInDialog() = default;

QList<QLineEdit*> KashflowSignInDialog::characterEdits() const
{
    return { m_ui->firstEdit, m_ui->secondEdit, m_ui->thirdEdit };
}

QString KashflowSignInDialog::userName() const
{
    return m_ui->userNameEdit->text().trimmed();
}

bool KashflowSignInDialog::onCredentialsPage() const
{
    return m_ui->pages->currentWidget() == m_ui->credentialsPage;
}

void KashflowSignInDialog::accept()
{
    if (m_busy)
        return;
    if (onCredentialsPage()) {
        const QString name = userName();
        if (name.isEmpty() || m_ui->passwordEdit->text().isEmpty())
            return showProblem(tr("Enter your KashFlow user name and password."));
        setBusy(true, tr("Signing in…"));
        m_signIn->start(name, m_ui->passwordEdit->text());
        return;
    }
    QString characters;
    if (m_ui->rememberCheck->isChecked()) {
        characters = KashflowSignIn::charactersAt(m_ui->wordEdit->text(), m_signIn->positions());
        if (characters.isEmpty())
            return showProblem(tr("Your memorable word is shorter than KashFlow expects: check it."));
    } else {
        for (QLineEdit* edit : characterEdits())
            characters += edit->text();
        if (characters.size() != characterEdits().size())
            return showProblem(tr("Enter one character in each box."));
    }
    setBusy(true, tr("Signing in…"));
    m_signIn->answer(characters);
}

void KashflowSignInDialog::showPage(QWidget* page)
{
    for (int i = 0; i < m_ui->pages->count(); ++i) {
        QWidget* each = m_ui->pages->widget(i);
        each->setSizePolicy(QSizePolicy::Preferred, each == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_ui->pages->setCurrentWidget(page);
    layout()->activate();
    const int height = layout()->totalHeightForWidth(width());
    resize(width(), height > 0 ? height : sizeHint().height());
}

void KashflowSignInDialog::askForCharacters(const QList<int>& positions)
{
    const QString list = KashflowSignIn::describePositions(positions);
    const bool remember = m_ui->rememberCheck->isChecked();
    //: %1 is a list of positions such as "2, 5 and 7".
    m_ui->positionsLabel->setText(remember ? tr("KashFlow asks for characters %1 of your memorable word. Enter the "
                                                "whole word, and Attaché will answer from it from now on.")
                                                 .arg(list)
                                           : tr("Enter characters %1 of your memorable word.").arg(list));
    const QList<QLineEdit*> edits = characterEdits();
    const QList<QLabel*> labels { m_ui->firstLabel, m_ui->secondLabel, m_ui->thirdLabel };
    for (int i = 0; i < edits.size(); ++i) {
        //: The label of one box on the memorable word page; %1 is its position in the word.
        labels.at(i)->setText(tr("&%1:").arg(positions.value(i)));
        edits.at(i)->clear();
    }
    m_ui->wordEdit->clear();
    m_ui->charactersBox->setVisible(!remember);
    m_ui->wholeWordBox->setVisible(remember);
    showPage(m_ui->memorableWordPage);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Sign In"));
    setBusy(false);
    (remember ? m_ui->wordEdit : edits.first())->setFocus();
}

void KashflowSignInDialog::finish(const QString& sessionToken)
{
    if (!m_ui->rememberCheck->isChecked()) {
        emit signedIn(sessionToken, {}, {});
        QDialog::accept();
        return;
    }
    const KashflowSession::Credentials credentials { userName(), m_ui->passwordEdit->text(), m_ui->wordEdit->text() };
    m_remembering = true;
    setBusy(true, tr("Remembering your sign-in…"));
    KashflowStore::rememberCredentials(
        credentials, this, [this, sessionToken, credentials](const SecretStore::Result& result) {
            m_remembering = false;
            emit signedIn(sessionToken, result.ok ? credentials : KashflowSession::Credentials(),
                          result.ok ? QString() : result.errorString);
            QDialog::accept();
        });
}

void KashflowSignInDialog::showProblem(const QString& message)
{
    m_ui->statusLabel->setText(message);
    m_ui->statusLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
}

void KashflowSignInDialog::reject()
{
    // KashFlow has already given the session: it is handed over once the keychain has answered.
    if (!m_remembering)
        QDialog::reject();
}

void KashflowSignInDialog::setBusy(bool busy, const QString& status)
{
    m_busy = busy;
    m_ui->pages->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setEnabled(!m_remembering);
    m_ui->statusLabel->setText(status);
    m_ui->statusLabel->setStyleSheet(QString());
}
