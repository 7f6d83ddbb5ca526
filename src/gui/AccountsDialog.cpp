#include "AccountsDialog.h"

#include "DropboxAccount.h"
#include "DropboxSignIn.h"
#include "DropboxStore.h"
#include "Settings.h"
#include "SignInBrowserDialog.h"
#include "ui_AccountsDialog.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QPushButton>

AccountsDialog::AccountsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AccountsDialog>())
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
    , m_dropbox(new DropboxAccount(settings, m_network, this))
{
    m_ui->setupUi(this);
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
    m_ui->dropboxMessageLabel->setText(message);
    m_ui->dropboxMessageLabel->setStyleSheet(isError ? QStringLiteral("font-weight: bold;") : QString());
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

void AccountsDialog::disconnectDropbox()
{
    m_busy = true;
    showDropboxMessage(tr("Disconnecting…"), false);
    updateDropbox();
    m_dropbox->disconnectAccount();
}
