#include "AccountsDialog.h"

#include "DropboxAccount.h"
#include "DropboxSignIn.h"
#include "DropboxStore.h"
#include "FortnoxAccount.h"
#include "FortnoxSignIn.h"
#include "Settings.h"
#include "SignInBrowserDialog.h"
#include "ui_AccountsDialog.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QPushButton>

namespace {
// A line under an account's buttons, there only while it has something to say.
void showIn(QLabel* label, const QString& message, bool isError)
{
    label->setText(message);
    label->setStyleSheet(isError ? QStringLiteral("font-weight: bold;") : QString());
    label->setVisible(!message.isEmpty());
}
} // namespace

AccountsDialog::AccountsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AccountsDialog>())
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
    , m_dropbox(new DropboxAccount(settings, m_network, this))
    , m_fortnox(new FortnoxAccount(settings, m_network, this))
{
    m_ui->setupUi(this);
    showDropboxMessage({}, false);
    showFortnoxMessage({}, false);
    m_ui->appKeyEdit->setText(m_settings.dropboxAppKey());
    // The environment wins over the setting; say so by not offering to edit it.
    m_ui->appKeyEdit->setReadOnly(!qEnvironmentVariableIsEmpty("ATTACHE_DROPBOX_APP_KEY"));
    const QString uri = m_settings.storeUri();
    if (uri.startsWith(QLatin1String("dropbox:")))
        m_ui->folderEdit->setText(uri.mid(8));
    connect(m_ui->appKeyEdit, &QLineEdit::textEdited, this, [this](const QString& key) {
        m_settings.setDropboxAppKey(key.trimmed());
        updateDropbox();
    });
    connect(m_ui->connectButton, &QPushButton::clicked, this, &AccountsDialog::connectDropbox);
    connect(m_ui->disconnectButton, &QPushButton::clicked, this, &AccountsDialog::disconnectDropbox);
    connect(m_ui->useDropboxButton, &QPushButton::clicked, this, [this] {
        QString folder = m_ui->folderEdit->text().trimmed();
        if (folder == QLatin1String("/"))
            folder.clear();
        emit storeChosen(DropboxStore::uriFor(folder));
    });
    connect(m_dropbox, &DropboxAccount::connected, this, [this](const QString& name) {
        finishBusy(tr("Connected to Dropbox as %1.").arg(name), false);
        emit dropboxConnected();
    });
    connect(m_dropbox, &DropboxAccount::disconnected, this, [this](const QString& warning) {
        finishBusy(warning.isEmpty() ? tr("Disconnected from Dropbox.") : warning, !warning.isEmpty());
        emit dropboxDisconnected();
    });
    connect(m_dropbox, &DropboxAccount::failed, this, [this](const QString& message) { finishBusy(message, true); });
    updateDropbox();

    m_ui->localFolderLabel->setText(QDir::toNativeSeparators(m_settings.localRootPath()));
    connect(m_ui->useLocalButton, &QPushButton::clicked, this,
            [this] { emit storeChosen(QStringLiteral("local:") + m_settings.localRootPath()); });
    setCurrentStore({}, {});
    m_ui->fortnoxIdEdit->setText(m_fortnox->clientId());
    m_ui->fortnoxLegacyCheck->setChecked(m_fortnox->isConnected()
                                         && m_fortnox->mode() == FortnoxAuthenticator::Mode::Legacy);
    connect(m_ui->fortnoxLegacyCheck, &QCheckBox::toggled, this, &AccountsDialog::updateFortnox);
    connect(m_ui->fortnoxIdEdit, &QLineEdit::textChanged, this, &AccountsDialog::updateFortnox);
    connect(m_ui->fortnoxSecretEdit, &QLineEdit::textChanged, this, &AccountsDialog::updateFortnox);
    connect(m_ui->fortnoxConnectButton, &QPushButton::clicked, this, &AccountsDialog::connectFortnox);
    connect(m_ui->fortnoxDisconnectButton, &QPushButton::clicked, this, &AccountsDialog::disconnectFortnox);
    connect(m_ui->useFortnoxButton, &QPushButton::clicked, this,
            [this] { emit storeChosen(QStringLiteral("fortnox:")); });
    connect(m_fortnox, &FortnoxAccount::connected, this, [this] {
        finishFortnox(tr("Connected to Fortnox."), false);
        emit fortnoxConnected();
    });
    connect(m_fortnox, &FortnoxAccount::disconnected, this, [this] {
        finishFortnox(tr("Disconnected from Fortnox."), false);
        emit fortnoxDisconnected();
    });
    connect(m_fortnox, &FortnoxAccount::failed, this, [this](const QString& message) { finishFortnox(message, true); });
    updateFortnox();
    connect(m_ui->kashflowSignInButton, &QPushButton::clicked, this, &AccountsDialog::kashflowSignInRequested);
    connect(m_ui->kashflowDropboxButton, &QPushButton::clicked, this, &AccountsDialog::kashflowDropboxRequested);
}

AccountsDialog::~AccountsDialog() = default;

void AccountsDialog::setCurrentStore(const QString& uri, const QString& kashflowUser)
{
    m_ui->useLocalButton->setEnabled(!uri.startsWith(QLatin1String("local:")));
    m_ui->kashflowStatusLabel->setText(kashflowUser.isEmpty() ? tr("Not signed in") : kashflowUser);
    // KashFlow connects its own Dropbox, for the account signed in.
    m_ui->kashflowDropboxButton->setEnabled(!kashflowUser.isEmpty());
}

SignInBrowserDialog* AccountsDialog::signInBrowser() const
{
    return m_browser;
}

void AccountsDialog::updateDropbox()
{
    const bool connected = m_dropbox->isConnected();
    m_ui->dropboxStatusLabel->setText(connected ? m_dropbox->displayName() : tr("Not connected"));
    m_ui->connectButton->setEnabled(!m_busy && !m_settings.dropboxAppKey().isEmpty());
    m_ui->connectButton->setText(connected ? tr("&Connect Another…") : tr("&Connect Dropbox…"));
    m_ui->disconnectButton->setEnabled(!m_busy && connected);
    m_ui->useDropboxButton->setEnabled(!m_busy && connected);
}

void AccountsDialog::finishBusy(const QString& message, bool isError)
{
    m_busy = false;
    if (!message.isEmpty())
        showDropboxMessage(message, isError);
    updateDropbox();
}

void AccountsDialog::showDropboxMessage(const QString& message, bool isError)
{
    showIn(m_ui->dropboxMessageLabel, message, isError);
}

void AccountsDialog::connectDropbox()
{
    const DropboxEndpoints endpoints = m_dropbox->endpoints();
    if (const QString problem = endpoints.problem(); !problem.isEmpty()) {
        showDropboxMessage(problem, true);
        return;
    }
    delete m_signIn;
    m_signIn = new DropboxSignIn(m_network, endpoints, m_settings.dropboxAppKey(), DropboxSignIn::defaultRedirectUri(),
                                 this);
    connect(m_signIn, &DropboxSignIn::succeeded, m_dropbox, &DropboxAccount::connectWith);
    connect(m_signIn, &DropboxSignIn::failed, this, [this](const QString& message) { finishBusy(message, true); });
    m_browser
        = new SignInBrowserDialog(m_signIn->authorizeUrl(), m_signIn->redirectUri(), endpoints.signInHosts(), this);
    m_browser->setWindowTitle(tr("Connect Dropbox"));
    m_browser->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_browser, &SignInBrowserDialog::redirected, m_signIn, &DropboxSignIn::handleRedirect);
    connect(m_browser, &QDialog::rejected, this, [this] { finishBusy({}, false); });
    m_busy = true;
    showDropboxMessage(tr("Signing in to Dropbox…"), false);
    updateDropbox();
    m_browser->open();
}

void AccountsDialog::updateFortnox()
{
    const bool legacy = m_ui->fortnoxLegacyCheck->isChecked();
    const bool connected = m_fortnox->isConnected();
    if (!connected)
        m_ui->fortnoxStatusLabel->setText(tr("Not connected"));
    else if (m_fortnox->mode() == FortnoxAuthenticator::Mode::Legacy)
        m_ui->fortnoxStatusLabel->setText(tr("Connected with an access token"));
    else
        m_ui->fortnoxStatusLabel->setText(tr("Connected"));
    // An older integration signs in with its access token and client secret; a current one with its client id
    // and secret, then the browser.
    m_ui->fortnoxIdLabel->setText(legacy ? tr("Access &token:") : tr("Client &ID:"));
    m_ui->fortnoxIdEdit->setEchoMode(legacy ? QLineEdit::Password : QLineEdit::Normal);
    m_ui->fortnoxConnectButton->setText(legacy ? tr("Connect F&ortnox") : tr("Connect F&ortnox…"));
    const bool filled = !m_ui->fortnoxIdEdit->text().trimmed().isEmpty()
        && (!legacy || !m_ui->fortnoxSecretEdit->text().trimmed().isEmpty());
    m_ui->fortnoxConnectButton->setEnabled(!m_fortnoxBusy && filled);
    m_ui->fortnoxDisconnectButton->setEnabled(!m_fortnoxBusy && connected);
    m_ui->useFortnoxButton->setEnabled(!m_fortnoxBusy && connected);
}

void AccountsDialog::showFortnoxMessage(const QString& message, bool isError)
{
    showIn(m_ui->fortnoxMessageLabel, message, isError);
}

void AccountsDialog::finishFortnox(const QString& message, bool isError)
{
    m_fortnoxBusy = false;
    if (!message.isEmpty())
        showFortnoxMessage(message, isError);
    updateFortnox();
}

void AccountsDialog::connectFortnox()
{
    const FortnoxEndpoints endpoints = m_fortnox->endpoints();
    if (const QString problem = endpoints.problem(); !problem.isEmpty())
        return showFortnoxMessage(problem, true);
    const QString first = m_ui->fortnoxIdEdit->text().trimmed();
    const QString secret = m_ui->fortnoxSecretEdit->text().trimmed();
    m_fortnoxBusy = true;
    showFortnoxMessage(tr("Connecting to Fortnox…"), false);
    updateFortnox();
    if (m_ui->fortnoxLegacyCheck->isChecked()) {
        m_fortnox->connectLegacy(first, secret);
        return;
    }
    // A secret typed now is kept first; otherwise the one the keychain has for this integration is used.
    if (!secret.isEmpty()) {
        m_fortnox->setClientCredentials(first, secret, [this, first, secret](const QString& error) {
            if (!error.isEmpty())
                return finishFortnox(error, true);
            signInToFortnox(first, secret);
        });
        return;
    }
    m_fortnox->loadClientSecret(first, [this, first](const QString& stored, const QString& error) {
        if (!error.isEmpty() || stored.isEmpty())
            return finishFortnox(error.isEmpty() ? tr("Enter the integration's client secret.") : error, true);
        signInToFortnox(first, stored);
    });
}

void AccountsDialog::signInToFortnox(const QString& clientId, const QString& clientSecret)
{
    const FortnoxEndpoints endpoints = m_fortnox->endpoints();
    delete m_fortnoxSignIn;
    m_fortnoxSignIn
        = new FortnoxSignIn(m_network, endpoints, clientId, clientSecret, FortnoxSignIn::defaultRedirectUri(), this);
    connect(m_fortnoxSignIn, &FortnoxSignIn::succeeded, m_fortnox, &FortnoxAccount::connectWith);
    connect(m_fortnoxSignIn, &FortnoxSignIn::failed, this,
            [this](const QString& message) { finishFortnox(message, true); });
    m_browser = new SignInBrowserDialog(m_fortnoxSignIn->authorizeUrl(), m_fortnoxSignIn->redirectUri(),
                                        endpoints.signInHosts(), this);
    m_browser->setWindowTitle(tr("Connect Fortnox"));
    m_browser->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_browser, &SignInBrowserDialog::redirected, m_fortnoxSignIn, &FortnoxSignIn::handleRedirect);
    connect(m_browser, &QDialog::rejected, this, [this] { finishFortnox({}, false); });
    m_browser->open();
}

void AccountsDialog::disconnectFortnox()
{
    m_fortnoxBusy = true;
    showFortnoxMessage(tr("Disconnecting…"), false);
    updateFortnox();
    m_fortnox->disconnectAccount();
}

void AccountsDialog::disconnectDropbox()
{
    m_busy = true;
    showDropboxMessage(tr("Disconnecting…"), false);
    updateDropbox();
    m_dropbox->disconnectAccount();
}
