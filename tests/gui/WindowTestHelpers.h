#pragma once

// Shared by the tests that drive the real main window: starting it, finding an entity's row in its tree and
// keeping screenshots of what a step showed. Each including target defines ATTACHE_SCREENSHOT_DIR.

#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "Settings.h"
#include "TransferQueue.h"

#include <QAbstractButton>
#include <QAbstractProxyModel>
#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QModelIndex>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <QWidget>

#include <memory>

#ifndef ATTACHE_SCREENSHOT_DIR
#error "WindowTestHelpers.h needs ATTACHE_SCREENSHOT_DIR, the folder screenshots are kept in"
#endif

namespace WindowTest {

// The mnemonics (Alt+letter) that more than one of the texts has, each as "n: &New, Re&name": two items with one
// mnemonic only take turns at the key.
inline QStringList mnemonicClashes(const QStringList& texts)
{
    QMap<QChar, QStringList> users;
    for (const QString& text : texts) {
        for (qsizetype i = text.indexOf(QLatin1Char('&')); i >= 0 && i + 1 < text.size();
             i = text.indexOf(QLatin1Char('&'), i + 2)) {
            if (text.at(i + 1) != QLatin1Char('&')) {
                users[text.at(i + 1).toLower()].append(text);
                break;
            }
        }
    }
    QStringList clashes;
    for (auto it = users.cbegin(); it != users.cend(); ++it) {
        if (it->size() > 1)
            clashes.append(QString(it.key()) + QStringLiteral(": ") + it->join(QStringLiteral(", ")));
    }
    return clashes;
}

// The clashes among the items of each menu, visible or not: a store may show any of them.
inline QStringList menuMnemonicClashes(const QList<QAction*>& menuActions)
{
    QStringList clashes;
    QStringList titles;
    for (const QAction* menuAction : menuActions) {
        titles.append(menuAction->text());
        QStringList items;
        if (const QMenu* menu = menuAction->menu()) {
            const QList<QAction*> actions = menu->actions();
            for (const QAction* action : actions)
                items.append(action->text());
        }
        clashes += mnemonicClashes(items);
    }
    return clashes + mnemonicClashes(titles);
}

// The clashes among a dialog's labels, buttons and group boxes.
inline QStringList dialogMnemonicClashes(const QWidget& dialog)
{
    QStringList texts;
    const QList<QLabel*> labels = dialog.findChildren<QLabel*>();
    for (const QLabel* label : labels) {
        if (label->buddy())
            texts.append(label->text());
    }
    const QList<QAbstractButton*> buttons = dialog.findChildren<QAbstractButton*>();
    for (const QAbstractButton* button : buttons)
        texts.append(button->text());
    const QList<QGroupBox*> groups = dialog.findChildren<QGroupBox*>();
    for (const QGroupBox* group : groups)
        texts.append(group->title());
    return mnemonicClashes(texts);
}

// Waits for the queue to empty; what did not end done, as "local path: message" (a timeout as its own line).
inline QStringList drain(const TransferQueue& queue, int timeoutMs)
{
    if (!QTest::qWaitFor([&queue] { return queue.pendingCount() == 0; }, timeoutMs))
        return { QStringLiteral("%1 transfers still pending").arg(queue.pendingCount()) };
    QStringList failures;
    for (int id : queue.ids()) {
        const Transfer transfer = queue.transfer(id);
        if (transfer.state != Transfer::State::Done)
            failures.append(transfer.localPath + QStringLiteral(": ") + transfer.errorString);
    }
    return failures;
}

inline QTreeView* entityTree(const MainWindow& window)
{
    return window.findChild<QTreeView*>(QStringLiteral("entityTree"));
}

// The entity's row as the tree shows it: through the tree's sorting proxy, invalid while it is not listed.
inline QModelIndex treeIndex(const MainWindow& window, const EntityRef& entity)
{
    auto* proxy = qobject_cast<QAbstractProxyModel*>(entityTree(window)->model());
    return proxy->mapFromSource(window.entityModel()->indexOf(entity));
}

// The app's surroundings as a user has them: standard paths in test mode, the Adwaita icons, and the English
// translation, which holds the plural forms ("3 new documents"). False when the translation does not load.
inline bool prepareApplication(QTranslator& english)
{
    QStandardPaths::setTestModeEnabled(true);
    QIcon::setThemeName(QStringLiteral("Adwaita"));
    return english.load(QStringLiteral("attache_en"), QStringLiteral(":/i18n"))
        && QCoreApplication::installTranslator(&english);
}

// A scratch folder under HOME, the keyring wrapper's throwaway home, so that a search for a leaked secret covers
// it; with a local store holding invoice 1001 in "local" and room for sample files in "files". None when any of
// it cannot be made.
inline std::unique_ptr<QTemporaryDir> scratchInHome()
{
    auto root = std::make_unique<QTemporaryDir>(QDir::home().filePath(QStringLiteral("attache-XXXXXX")));
    if (!root->isValid() || !QDir().mkpath(root->filePath(QStringLiteral("local/Invoices/1001")))
        || !QDir().mkpath(root->filePath(QStringLiteral("files"))))
        return nullptr;
    return root;
}

// Settings kept in `root`'s settings.ini, with the window's store and local folder both `root`'s "local"
// folder: where a window starts before a test moves it to the store under test.
inline std::unique_ptr<Settings> localSettings(const QTemporaryDir& root)
{
    auto settings = std::make_unique<Settings>(root.filePath(QStringLiteral("settings.ini")));
    settings->setStoreUri(QStringLiteral("local:") + root.filePath(QStringLiteral("local")));
    settings->setLocalRootPath(root.filePath(QStringLiteral("local")));
    return settings;
}

// Shows the window and waits until its tree lists the entity, the sign that its store has answered.
inline void showAndWaitFor(MainWindow& window, const EntityRef& entity)
{
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(treeIndex(window, entity).isValid());
}

// Saves the widget's grab as `name` in the screenshot folder. A grab that is no larger than `minimumBytes`
// fails the test, for where a blank picture would mean a page that never painted.
// Whether the grab shows something drawn: the emulators' pages are dark text on white, and a web view that has
// loaded its page may not have painted it yet.
inline bool showsText(const QImage& image)
{
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (qGray(image.pixel(x, y)) < 80)
                return true;
        }
    }
    return false;
}

inline void saveScreenshot(QWidget* widget, const QString& name, qint64 minimumBytes = 0)
{
    QDir().mkpath(QStringLiteral(ATTACHE_SCREENSHOT_DIR));
    const QString path = QStringLiteral(ATTACHE_SCREENSHOT_DIR) + QLatin1Char('/') + name;
    // The layouts as they will be shown: a change a moment ago (a message bar that just appeared) is laid out first.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    if (minimumBytes > 0)
        QVERIFY2(QFileInfo(path).size() > minimumBytes, qPrintable(path));
}

} // namespace WindowTest
