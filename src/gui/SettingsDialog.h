#pragma once

#include <QDialog>

namespace Ui {
class SettingsDialog;
}
class Settings;

// The documents folder, the number of simultaneous transfers and the notification switch.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const Settings& settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    QString folderPath() const;
    int maxConcurrentTransfers() const;
    bool transferNotificationsEnabled() const;

    // Writes the choices into settings.
    void apply(Settings& settings) const;

private:
    const std::unique_ptr<Ui::SettingsDialog> m_ui;
};
