#pragma once

#include "EntityRef.h"

#include <QObject>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

// The tray icon: its menu (Show, Pause transfers, Quit), its state (idle, syncing, paused, offline,
// error) and the batched notifications. Clicking a notification asks for the record it was about.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Syncing, Paused, Offline, Error };
    Q_ENUM(State)

    // The pause and quit actions are the window's own, so that both stay in step.
    TrayIcon(QAction* pauseAction, QAction* quitAction, QObject* parent = nullptr);
    ~TrayIcon() override;

    // Whether the desktop has a tray to keep the app in when its window closes.
    bool isAvailable() const;
    State state() const { return m_state; }
    void setState(State state);
    void setStatusText(const QString& text);

    void notify(const QString& title, const QString& message, const EntityRef& entity, bool isError);

signals:
    // Every notification, shown or not (a desktop without a tray shows none).
    void notified(const QString& title, const QString& message);
    void activated();
    void entityRequested(const EntityRef& entity);

private:
    QSystemTrayIcon* m_tray;
    std::unique_ptr<QMenu> m_menu;
    State m_state = State::Idle;
    EntityRef m_lastEntity;
};
