#include "SettingsDialog.h"
#include "ui_SettingsDialog.h"

#include "Settings.h"

#include <QDir>
#include <QFileDialog>

SettingsDialog::SettingsDialog(const Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    m_ui->folderEdit->setText(QDir::toNativeSeparators(settings.localRootPath()));
    m_ui->concurrentSpin->setValue(settings.maxConcurrentTransfers());
    m_ui->pollSpin->setValue(settings.pollIntervalMinutes());
    m_ui->kashflowFormatCombo->setCurrentIndex(settings.kashflowFormat() == KashflowPayload::Format::Xml ? 1 : 0);
    for (NotificationKind kind : allNotificationKinds)
        notificationCheck(kind)->setChecked(settings.notificationsEnabled(kind));
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("Documents Folder"), m_ui->folderEdit->text());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        connect(dialog, &QFileDialog::fileSelected, this,
                [this](const QString& path) { m_ui->folderEdit->setText(QDir::toNativeSeparators(path)); });
        dialog->open();
    });
}

SettingsDialog::~SettingsDialog() = default;

QString SettingsDialog::folderPath() const
{
    return QDir::fromNativeSeparators(m_ui->folderEdit->text().trimmed());
}

int SettingsDialog::maxConcurrentTransfers() const
{
    return m_ui->concurrentSpin->value();
}

int SettingsDialog::pollIntervalMinutes() const
{
    return m_ui->pollSpin->value();
}

QCheckBox* SettingsDialog::notificationCheck(NotificationKind kind) const
{
    switch (kind) {
    case NotificationKind::TransfersFinished:
        return m_ui->notifyFinishedCheck;
    case NotificationKind::TransfersFailed:
        return m_ui->notifyFailedCheck;
    case NotificationKind::RemoteChanges:
        return m_ui->notifyChangesCheck;
    }
    Q_UNREACHABLE();
}

bool SettingsDialog::notificationsEnabled(NotificationKind kind) const
{
    return notificationCheck(kind)->isChecked();
}

void SettingsDialog::apply(Settings& settings) const
{
    // A new folder is a choice to keep documents there; otherwise the store in use (Dropbox, KashFlow) stays.
    if (!folderPath().isEmpty() && folderPath() != settings.localRootPath()) {
        settings.setLocalRootPath(folderPath());
        settings.setStoreUri(QStringLiteral("local:") + folderPath());
    }
    settings.setKashflowFormat(m_ui->kashflowFormatCombo->currentIndex() == 1 ? KashflowPayload::Format::Xml
                                                                              : KashflowPayload::Format::Json);
    // One choice for both services: the format is a matter of taste, or of a proxy that inspects one of them.
    settings.setFortnoxFormat(settings.kashflowFormat());
    settings.setMaxConcurrentTransfers(maxConcurrentTransfers());
    settings.setPollIntervalMinutes(pollIntervalMinutes());
    for (NotificationKind kind : allNotificationKinds)
        settings.setNotificationsEnabled(kind, notificationsEnabled(kind));
}
