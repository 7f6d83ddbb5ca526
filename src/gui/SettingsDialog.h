#pragma once

#include "NotificationKind.h"

#include <QDialog>

class QCheckBox;

namespace Ui {
class SettingsDialog;
}
class Settings;

// The documents folder, the number of simultaneous transfers, how often to look for changes, and a switch
// for each kind of notification.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const Settings& settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    QString folderPath() const;
    int maxConcurrentTransfers() const;
    int pollIntervalMinutes() const;
    bool notificationsEnabled(NotificationKind kind) const;

    // Writes the choices into settings.
    void apply(Settings& settings) const;

private:
    QCheckBox* notificationCheck(NotificationKind kind) const;

    const std::unique_ptr<Ui::SettingsDialog> m_ui;
};
