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
    m_ui->notifyCheck->setChecked(settings.transferNotificationsEnabled());
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

bool SettingsDialog::transferNotificationsEnabled() const
{
    return m_ui->notifyCheck->isChecked();
}

void SettingsDialog::apply(Settings& settings) const
{
    if (!folderPath().isEmpty()) {
        settings.setLocalRootPath(folderPath());
        settings.setStoreUri(QStringLiteral("local:") + folderPath());
    }
    settings.setMaxConcurrentTransfers(maxConcurrentTransfers());
    settings.setTransferNotificationsEnabled(transferNotificationsEnabled());
}
