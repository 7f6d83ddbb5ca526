#include "ConnectivityMonitor.h"
#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "NotificationBatcher.h"
#include "SampleDocuments.h"
#include "Settings.h"
#include "TransferQueue.h"
#include "TrayIcon.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

// Runs on a real X server with a system tray (tests/gui/with-tray.sh).
class TestTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void closingWhileTransfersRunKeepsAppInTray();
    void closingWhenIdleCloses();
    void stateFollowsQueue();
    void showsSyncingAndOffline();
    void clickingANotificationOpensItsRecord();
    void menuShowsPausesAndQuits();

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    const EntityRef m_invoice { EntityType::Invoices, QStringLiteral("4455") };
};

void TestTrayIcon::initTestCase()
{
    // A home of its own: the transfer journal and the caches of one run never meet another's.
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    QStandardPaths::setTestModeEnabled(true);
    // trayer starts beside the test; wait for it to own the tray.
    QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 20000);
}

void TestTrayIcon::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QDir().mkpath(m_root->filePath(QStringLiteral("store/Invoices/4455")));
    m_settings = std::make_unique<Settings>(m_root->filePath(QStringLiteral("settings.ini")));
    m_settings->setStoreUri(QStringLiteral("local:") + m_root->filePath(QStringLiteral("store")));
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(m_window->trayIcon()->isAvailable());
}

void TestTrayIcon::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_root.reset();
}

void TestTrayIcon::closingWhileTransfersRunKeepsAppInTray()
{
    const QString path = m_root->filePath(QStringLiteral("receipt.png"));
    QVERIFY(SampleDocuments::writeImage(path, 64, 64, Qt::red));
    TransferQueue* queue = m_window->transferQueue();
    queue->setPaused(true);
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QCOMPARE(queue->pendingCount(), 1);

    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    QVERIFY(!m_window->close());
    QVERIFY(!m_window->isVisible());
    QCOMPARE(notified.size(), 1);
    QCOMPARE(m_window->trayIcon()->state(), TrayIcon::State::Paused);

    // The transfer carries on with the window closed.
    queue->setPaused(false);
    QTRY_COMPARE(queue->pendingCount(), 0);
    QVERIFY(QFileInfo::exists(m_root->filePath(QStringLiteral("store/Invoices/4455/receipt.png"))));
    // The tray brings the window back.
    emit m_window->trayIcon()->activated();
    QTRY_VERIFY(m_window->isVisible());
}

void TestTrayIcon::closingWhenIdleCloses()
{
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isVisible());
}

void TestTrayIcon::stateFollowsQueue()
{
    TrayIcon* tray = m_window->trayIcon();
    QCOMPARE(tray->state(), TrayIcon::State::Idle);
    m_window->transferQueue()->setPaused(true);
    QCOMPARE(tray->state(), TrayIcon::State::Paused);
    m_window->transferQueue()->setPaused(false);
    QCOMPARE(tray->state(), TrayIcon::State::Idle);
    m_window->uploadFiles({ QUrl::fromLocalFile(m_root->filePath(QStringLiteral("missing.pdf"))) }, m_invoice);
    QCOMPARE(tray->state(), TrayIcon::State::Error);
}

void TestTrayIcon::showsSyncingAndOffline()
{
    TrayIcon* tray = m_window->trayIcon();
    m_window->transferQueue()->setPaused(true);
    const QString path = m_root->filePath(QStringLiteral("receipt.txt"));
    QVERIFY(SampleDocuments::writeText(path, "receipt"));
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QCOMPARE(tray->state(), TrayIcon::State::Paused);
    m_window->connectivity()->report(StoreReply::Error::Network);
    // Paused is the user's own choice, and says so first.
    QCOMPARE(tray->state(), TrayIcon::State::Paused);
    m_window->transferQueue()->setPaused(false);
    QCOMPARE(tray->state(), TrayIcon::State::Offline);
    m_window->connectivity()->report(StoreReply::Error::None);
    QCOMPARE(tray->state(), TrayIcon::State::Syncing);
    QTRY_COMPARE(tray->state(), TrayIcon::State::Idle);
}

void TestTrayIcon::clickingANotificationOpensItsRecord()
{
    const EntityRef other { EntityType::Invoices, QStringLiteral("4456") };
    QVERIFY(QDir().mkpath(m_root->filePath(QStringLiteral("store/Invoices/4456"))));
    m_window->entityModel()->reloadType(EntityType::Invoices);
    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    m_window->notificationBatcher()->setQuietInterval(50);
    m_window->notificationBatcher()->addRemoteChanges(other, 2, 0);
    QVERIFY(notified.wait());
    m_window->hide();
    auto* systemTray = m_window->trayIcon()->findChild<QSystemTrayIcon*>();
    QVERIFY(systemTray);
    emit systemTray->messageClicked();
    QTRY_COMPARE(m_window->currentEntity(), other);
    QVERIFY(m_window->isVisible());
}

// The tray's own menu, as the desktop shows it; and the app as it runs, in its event loop: closing the window
// while a transfer waits leaves it running, and Quit from the tray ends it.
void TestTrayIcon::menuShowsPausesAndQuits()
{
    auto* systemTray = m_window->trayIcon()->findChild<QSystemTrayIcon*>();
    QVERIFY(systemTray && systemTray->contextMenu());
    QStringList texts;
    QHash<QString, QAction*> byText;
    for (QAction* action : systemTray->contextMenu()->actions()) {
        if (action->isSeparator())
            continue;
        texts.append(action->text());
        byText.insert(action->text(), action);
    }
    QCOMPARE(
        texts,
        (QStringList { QStringLiteral("&Show Attaché"), QStringLiteral("&Pause Transfers"), QStringLiteral("&Quit") }));

    TransferQueue* queue = m_window->transferQueue();
    byText.value(QStringLiteral("&Pause Transfers"))->trigger();
    QVERIFY(queue->isPaused());
    QCOMPARE(m_window->trayIcon()->state(), TrayIcon::State::Paused);
    const QString path = m_root->filePath(QStringLiteral("receipt.txt"));
    QVERIFY(SampleDocuments::writeText(path, "receipt"));
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QCOMPARE(queue->pendingCount(), 1);
    m_window->hide();
    byText.value(QStringLiteral("&Show Attaché"))->trigger();
    QTRY_VERIFY(m_window->isVisible());

    // The app quits when its last window closes; hidden in the tray, it is not closed.
    QSignalSpy lastWindowClosed(qApp, &QGuiApplication::lastWindowClosed);
    bool runningAfterClose = false;
    bool inLoop = true;
    QTimer::singleShot(0, m_window.get(), [&] {
        const bool closed = m_window->close();
        QTimer::singleShot(0, m_window.get(), [&, closed] {
            runningAfterClose = inLoop && !closed && lastWindowClosed.isEmpty() && !m_window->isVisible();
            byText.value(QStringLiteral("&Quit"))->trigger();
        });
    });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    connect(&watchdog, &QTimer::timeout, qApp, [] { QCoreApplication::exit(99); });
    watchdog.start(60000);
    const int code = QApplication::exec();
    inLoop = false;
    QCOMPARE(code, 0);
    QVERIFY(runningAfterClose);
    QVERIFY(!m_window->isVisible());
    // Quit does not drop the waiting transfer: it still waits, as its journal entry does for the next start.
    QCOMPARE(queue->pendingCount(), 1);
}

QTEST_MAIN(TestTrayIcon)
#include "TestTrayIcon.moc"
