#include "TrayIcon.h"

#include "ToolTipText.h"

#include <QAction>
#include <QMenu>

TrayIcon::TrayIcon(QAction* pauseAction, QAction* quitAction, QObject* parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(std::make_unique<QMenu>())
{
    QAction* showAction = m_menu->addAction(tr("&Show Attaché"));
    connect(showAction, &QAction::triggered, this, &TrayIcon::activated);
    m_menu->addAction(pauseAction);
    m_menu->addSeparator();
    m_menu->addAction(quitAction);
    m_tray->setContextMenu(m_menu.get());
    setState(State::Idle);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit activated();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastEntity.id.isEmpty())
            emit entityRequested(m_lastEntity);
        else
            emit activated();
    });
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable() && m_tray->isVisible();
}

void TrayIcon::setState(State state)
{
    m_state = state;
    QString icon;
    switch (state) {
    case State::Idle:
        icon = QStringLiteral(":/icons/tray-idle.svg");
        break;
    case State::Syncing:
        icon = QStringLiteral(":/icons/tray-syncing.svg");
        break;
    case State::Paused:
        icon = QStringLiteral(":/icons/tray-paused.svg");
        break;
    case State::Offline:
        icon = QStringLiteral(":/icons/tray-offline.svg");
        break;
    case State::Error:
        icon = QStringLiteral(":/icons/tray-error.svg");
        break;
    }
    m_tray->setIcon(QIcon(icon));
}

void TrayIcon::setStatusText(const QString& text)
{
    // The text names records and documents, which are never markup.
    m_tray->setToolTip(ToolTipText::fromPlainText(tr("Attaché") + QStringLiteral(" — ") + text));
}

void TrayIcon::notify(const QString& title, const QString& message, const EntityRef& entity, bool isError)
{
    m_lastEntity = entity;
    if (isAvailable() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, isError ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    emit notified(title, message);
}
