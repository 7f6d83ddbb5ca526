#include "AccountsDialog.h"
#include "AttachmentModel.h"
#include "ConnectivityMonitor.h"
#include "CoreTestHelpers.h"
#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "MoveToDialog.h"
#include "NewEntityDialog.h"
#include "NotificationBatcher.h"
#include "SampleDocuments.h"
#include "Settings.h"
#include "SettingsDialog.h"
#include "SyncMonitor.h"
#include "ThumbnailCache.h"
#include "TransferModel.h"
#include "TransferQueue.h"
#include "TransfersPanel.h"
#include "TrayIcon.h"
#include "ViewPlaceholder.h"
#include "WindowTestHelpers.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStatusTipEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <QTreeView>
#include <QUrl>

#include <optional>

// Drives the real main window over a local store in a temporary folder.
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTypesAndEntities();
    void dropImagesAndPdfsOnEntityShowsThumbnails();
    void droppedFolderIsRefused();
    void nameNoStoreTakesIsAttachedUnderTheNearest();
    void addFilesUploadsTheChosenFiles();
    void openGivesAReadOnlyCopy();
    void openingIsNoTransferNews();
    void saveAsWritesWhereChosen();
    void saveManyKeepsEveryDocument();
    void messageBarIsAsTallAsItsText();
    void filterNarrowsTheTree();
    void emptyViewsSayWhy();
    void dropOnDocumentListKeepsBothOfAName();
    void badInputGetsAClearMessage_data();
    void badInputGetsAClearMessage();
    void deleteAsksFirst();
    void deleteKeepsADocumentChangedMeanwhile();
    void dragFromInboxOntoInvoiceMovesIt();
    void dragOutExportsFiles();
    void notificationsAreBatched();
    void notificationsCanBeTurnedOff();
    void newRecordDialogCreatesRecord();
    void moveToDialogFilesDocuments();
    void failedUploadCanBeRetried();
    void everyActionHasAShortcut();
    void showTransfersHidesThemToo();
    void transfersPanelComesWithTransfers();
    void showInFolderOpensTheRecordsFolder();
    void resumedTransfersBringThePanel();
    void renameInPlace();
    void renameWaitsForTransfers();
    void gridActsOnTheClickedDocument();
    void noItemThatCanNeverApply();
    void aboutSaysWhichVersionAndWhere();
    void toolBarHasAnIconForEveryButtonUnderAdwaita();
    void transfersAnswerTheirKeys();
    void remembersViewModeAndSelection();
    void savesScreenshot();
    void changesMadeElsewhereShowUpInPlace();
    void offlineIsOneQuietState();
    void statusTipsLeaveTheSummary();
    void settingsHaveASwitchPerNotification();
    void mnemonicsAreDistinct();

public slots:
    // Stands in for the desktop's default application: what the window asks to open.
    void openUrl(const QUrl& url) { m_openedUrls.append(url); }

private:
    QFileDialog* fileDialog() const;
    void createWindow();
    QTreeView* entityTree() const { return WindowTest::entityTree(*m_window); }
    QTreeView* detailsView() const { return m_window->findChild<QTreeView*>(QStringLiteral("detailsView")); }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }
    QModelIndex treeIndex(const EntityRef& entity) const { return WindowTest::treeIndex(*m_window, entity); }
    void dropOnTree(const EntityRef& entity, QMimeData* data);
    void dropOnDocumentList(QMimeData* data);
    void selectEntityAndWait(const EntityRef& entity);
    void selectAttachment(const QString& name) { selectAttachments({ name }); }
    void selectAttachments(const QStringList& names);
    QString storePath(const QString& relative) const { return m_root->filePath(QStringLiteral("store/") + relative); }

    QTemporaryDir m_home;
    QList<QUrl> m_openedUrls;
    // The plural forms ("2 new documents") are in the English translation, as the app installs it.
    QTranslator m_english;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    const EntityRef m_invoice { EntityType::Invoices, QStringLiteral("4455") };
    const EntityRef m_otherInvoice { EntityType::Invoices, QStringLiteral("4456") };
    const EntityRef m_inbox { EntityType::Inbox, QStringLiteral("Unsorted") };
};

void TestMainWindow::initTestCase()
{
    // A home of its own: the transfer journal and the caches of one run never meet another's.
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_english.load(QStringLiteral("attache_en"), QStringLiteral(":/i18n")));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
}

void TestMainWindow::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    QDir().mkpath(storePath(QStringLiteral("Invoices/4455")));
    QDir().mkpath(storePath(QStringLiteral("Invoices/4456")));
    QDir().mkpath(storePath(QStringLiteral("Customers/ACME01")));
    QDir().mkpath(storePath(QStringLiteral("Inbox/Unsorted")));
    m_settings = std::make_unique<Settings>(m_root->filePath(QStringLiteral("settings.ini")));
    m_settings->setStoreUri(QStringLiteral("local:") + storePath({}));
    createWindow();
}

void TestMainWindow::createWindow()
{
    m_window = std::make_unique<MainWindow>(*m_settings);
    m_window->notificationBatcher()->setQuietInterval(100);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Each type lists on its own, so wait for every one the tests use.
    QTRY_VERIFY(treeIndex(m_invoice).isValid());
    QTRY_VERIFY(treeIndex(m_inbox).isValid());
    QTRY_VERIFY(treeIndex(EntityRef { EntityType::Customers, QStringLiteral("ACME01") }).isValid());
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_root.reset();
}

void TestMainWindow::dropOnTree(const EntityRef& entity, QMimeData* data)
{
    QTreeView* tree = entityTree();
    const QModelIndex index = treeIndex(entity);
    QVERIFY(index.isValid());
    tree->scrollTo(index);
    const QPoint at = tree->visualRect(index).center();
    QDragEnterEvent enter(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &move);
    QVERIFY2(move.isAccepted(), "the entity tree refused the drag");
    QDropEvent drop(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &drop);
    QVERIFY(drop.isAccepted());
}

void TestMainWindow::dropOnDocumentList(QMimeData* data)
{
    QWidget* viewport = detailsView()->viewport();
    const QPoint at = viewport->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QVERIFY2(move.isAccepted(), "the document list refused the drag");
    QDropEvent drop(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());
}

void TestMainWindow::selectEntityAndWait(const EntityRef& entity)
{
    QSignalSpy loaded(m_window->attachmentModel(), &AttachmentModel::loaded);
    m_window->selectEntity(entity);
    QCOMPARE(m_window->currentEntity(), entity);
    QVERIFY(loaded.wait());
}

void TestMainWindow::selectAttachments(const QStringList& names)
{
    QAbstractItemView* view = detailsView();
    auto* proxy = qobject_cast<QAbstractProxyModel*>(view->model());
    view->setFocus();
    view->selectionModel()->clearSelection();
    for (const QString& name : names) {
        const int row = m_window->attachmentModel()->rowOf(name);
        QVERIFY2(row >= 0, qPrintable(name));
        view->selectionModel()->select(proxy->mapFromSource(m_window->attachmentModel()->index(row, 0)),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void TestMainWindow::showsTypesAndEntities()
{
    QAbstractItemModel* model = entityTree()->model();
    QStringList types;
    for (int row = 0; row < model->rowCount(); ++row)
        types.append(model->index(row, 0).data().toString());
    QCOMPARE(types,
             (QStringList { QStringLiteral("Quotes"), QStringLiteral("Invoices"), QStringLiteral("Purchases"),
                            QStringLiteral("Customers"), QStringLiteral("Bank accounts"), QStringLiteral("Inbox") }));
    QVERIFY(treeIndex(m_inbox).isValid());
    QVERIFY(treeIndex(EntityRef { EntityType::Customers, QStringLiteral("ACME01") }).isValid());
    QVERIFY(entityTree()->isExpanded(treeIndex(m_invoice).parent()));
}

void TestMainWindow::dropImagesAndPdfsOnEntityShowsThumbnails()
{
    const QString outside = m_root->filePath(QStringLiteral("outside"));
    QDir().mkpath(outside);
    const QStringList names { QStringLiteral("receipt.jpg"), QStringLiteral("photo.png"),
                              QStringLiteral("invoice.pdf") };
    QVERIFY(SampleDocuments::writeImage(outside + QStringLiteral("/receipt.jpg"), 1200, 900, Qt::darkYellow));
    QVERIFY(SampleDocuments::writeImage(outside + QStringLiteral("/photo.png"), 400, 600, Qt::darkCyan));
    QVERIFY(SampleDocuments::writePdf(outside + QStringLiteral("/invoice.pdf"), QStringLiteral("INVOICE 4455")));
    QMimeData data;
    QList<QUrl> urls;
    for (const QString& name : names)
        urls.append(QUrl::fromLocalFile(outside + QLatin1Char('/') + name));
    data.setUrls(urls);

    selectEntityAndWait(m_invoice);
    dropOnTree(m_invoice, &data);

    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_COMPARE(attachments->rowCount(), 3);
    for (const QString& name : names) {
        QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/") + name)));
        const int row = attachments->rowOf(name);
        QVERIFY(row >= 0);
        // Ask for the decoration, as a view does, then wait for the thumbnail to be made off the GUI thread.
        attachments->index(row, 0).data(Qt::DecorationRole);
        const QString hash = attachments->attachmentAt(row).contentHash;
        QTRY_VERIFY2(!m_window->thumbnailCache()->thumbnail(hash, {}).isNull(), qPrintable(name));
    }
    const QSize pdf
        = m_window->thumbnailCache()
              ->thumbnail(attachments->attachmentAt(attachments->rowOf(QStringLiteral("invoice.pdf"))).contentHash, {})
              .actualSize(QSize(ThumbnailCache::MaxSide, ThumbnailCache::MaxSide));
    QVERIFY(pdf.height() > pdf.width());
    // The originals stay where they were.
    QVERIFY(QFileInfo::exists(outside + QStringLiteral("/invoice.pdf")));
    // The tree's count follows.
    QTRY_COMPARE(treeIndex(m_invoice).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 3);
}

void TestMainWindow::droppedFolderIsRefused()
{
    const QString folder = m_root->filePath(QStringLiteral("Scans"));
    QDir().mkpath(folder);
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(folder) });
    dropOnTree(m_invoice, &data);
    QVERIFY(m_window->messageBar()->isVisible());
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("Folders can't be attached")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("Scans")));
    QCOMPARE(m_window->transferQueue()->count(), 0);
    QVERIFY(QDir(storePath(QStringLiteral("Invoices/4455"))).isEmpty());
}

// A name the file manager allows but no store takes: the document goes in under the nearest name that is taken,
// and the user is told which.
void TestMainWindow::nameNoStoreTakesIsAttachedUnderTheNearest()
{
    const QString outside = m_root->filePath(QStringLiteral("outside/"));
    QVERIFY(QDir().mkpath(outside));
    const QString path = outside + QStringLiteral(" March\\April.pdf");
    QVERIFY(SampleDocuments::writeText(path, "the receipt"));
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(path) });
    QSignalSpy finished(m_window->transferQueue(), &TransferQueue::transferFinished);
    dropOnTree(m_invoice, &data);
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_window->transferQueue()->transfer(finished.first().first().toInt()).state, Transfer::State::Done);
    QCOMPARE(CoreTest::readFile(storePath(QStringLiteral("Invoices/4455/March_April.pdf"))), QByteArray("the receipt"));
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Information);
    QVERIFY2(m_window->messageBar()->text().contains(
                 QStringLiteral("1 document will be attached under a name a document can have: “ March\\April.pdf” as "
                                "“March_April.pdf”.")),
             qPrintable(m_window->messageBar()->text()));
    WindowTest::saveScreenshot(m_window.get(), QStringLiteral("renamed-on-drop.png"));
    QVERIFY(QFileInfo::exists(path));
}

// Several files at once onto the open record's documents; one has the name of a document already there, and both
// are kept.
void TestMainWindow::dropOnDocumentListKeepsBothOfAName()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/scan.pdf")), "kept"));
    const QString outside = m_root->filePath(QStringLiteral("outside/"));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(SampleDocuments::writePdf(outside + QStringLiteral("scan.pdf"), QStringLiteral("NEW SCAN")));
    QVERIFY(SampleDocuments::writeText(outside + QStringLiteral("notes.txt"), "notes"));
    QVERIFY(SampleDocuments::writeImage(outside + QStringLiteral("photo.png"), 300, 200, Qt::darkGreen));
    selectEntityAndWait(m_invoice);
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(outside + QStringLiteral("scan.pdf")),
                   QUrl::fromLocalFile(outside + QStringLiteral("notes.txt")),
                   QUrl::fromLocalFile(outside + QStringLiteral("photo.png")) });
    dropOnDocumentList(&data);

    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_COMPARE(attachments->rowCount(), 4);
    for (const char* name : { "scan.pdf", "scan (2).pdf", "notes.txt", "photo.png" })
        QVERIFY2(attachments->rowOf(QString::fromUtf8(name)) >= 0, name);
    QFile kept(storePath(QStringLiteral("Invoices/4455/scan.pdf")));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("kept"));
    QVERIFY(!m_window->messageBar()->isVisible() || m_window->messageBar()->kind() != MessageBar::Kind::Error);
}

void TestMainWindow::badInputGetsAClearMessage_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    // The test runs as root, who reads any file whatever its permissions; nobody can open a socket.
    QTest::newRow("unreadable socket") << QStringLiteral("scan.pdf") << QStringLiteral("Could not read “");
    QTest::newRow("huge") << QStringLiteral("scan.pdf") << QStringLiteral("Not enough disk space for “scan.pdf”");
    QTest::newRow("too large for the disk")
        << QStringLiteral("scan.pdf")
        << QStringLiteral("“scan.pdf” is larger than the disk it goes to can hold in one file.");
    QTest::newRow("read-only store") << QStringLiteral("scan.pdf") << QStringLiteral("it is read-only or not writable");
}

// Each gets its message in the window, and the record keeps the document of that name it had.
void TestMainWindow::badInputGetsAClearMessage()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/scan.pdf")), "kept"));
    const QString outside = m_root->filePath(QStringLiteral("outside/"));
    QVERIFY(QDir().mkpath(outside));
    const QString path = outside + name;
    std::optional<CoreTest::FileSizeLimit> limit;
    if (tag == QLatin1String("unreadable socket")) {
        QVERIFY(CoreTest::bindUnixSocket(path));
    } else if (tag == QLatin1String("huge")) {
        QVERIFY(CoreTest::writeSparseFile(path));
    } else {
        QVERIFY(CoreTest::writeNumberedFile(path, 3));
    }
    if (tag == QLatin1String("too large for the disk"))
        limit.emplace(1024 * 1024);
    if (tag == QLatin1String("read-only store")) {
        m_settings->setStoreUri(QStringLiteral("local:/proc/attache-read-only"));
        m_window.reset();
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    TransferQueue* queue = m_window->transferQueue();
    QSignalSpy finished(queue, &TransferQueue::transferFinished);
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QVERIFY(finished.wait(60000));
    limit.reset();
    QCOMPARE(queue->transfer(finished.first().first().toInt()).state, Transfer::State::Failed);
    QVERIFY(m_window->messageBar()->isVisible());
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY2(m_window->messageBar()->text().contains(message), qPrintable(m_window->messageBar()->text()));
    WindowTest::saveScreenshot(m_window.get(),
                               QStringLiteral("bad-input-%1.png").arg(QString(tag).replace(u' ', u'-')));
    QCOMPARE(CoreTest::allEntries(storePath(QStringLiteral("Invoices/4455"))),
             QStringList { QStringLiteral("scan.pdf") });
}

QFileDialog* TestMainWindow::fileDialog() const
{
    const QList<QFileDialog*> dialogs = m_window->findChildren<QFileDialog*>();
    return dialogs.size() == 1 && dialogs.first()->isVisible() ? dialogs.first() : nullptr;
}

void TestMainWindow::addFilesUploadsTheChosenFiles()
{
    const QString outside = m_root->filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(SampleDocuments::writeText(outside + QStringLiteral("/notes.txt"), "notes"));
    QVERIFY(SampleDocuments::writePdf(outside + QStringLiteral("/bill.pdf"), QStringLiteral("BILL")));
    selectEntityAndWait(m_invoice);
    action("actionAddFiles")->trigger();
    QTRY_VERIFY(fileDialog());
    QFileDialog* dialog = fileDialog();
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Add Files to Invoice 4455"));
    QCOMPARE(dialog->fileMode(), QFileDialog::ExistingFiles);
    dialog->setDirectory(outside);
    dialog->selectFile(QStringLiteral("\"notes.txt\" \"bill.pdf\""));
    static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept, as its Open or Save button
    QTRY_COMPARE(m_window->attachmentModel()->rowCount(), 2);
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/notes.txt"))));
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/bill.pdf"))));
}

// Open hands the desktop a private, read-only copy: whatever the other program does, the filed document stays.
void TestMainWindow::openGivesAReadOnlyCopy()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/notes.txt")), "notes"));
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
    m_openedUrls.clear();
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("notes.txt"));
    QTest::keyClick(detailsView(), Qt::Key_Return);
    QTRY_COMPARE(m_openedUrls.size(), 1);
    const QString copy = m_openedUrls.first().toLocalFile();
    QVERIFY2(!copy.startsWith(storePath({})), qPrintable(copy));
    QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("notes.txt"));
    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("notes"));
    QCOMPARE(QFileInfo(copy).permissions() & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
}

// Opening a document is not a transfer to follow: no panel comes, and nothing is announced as saved. A user who has
// paused transfers still opens documents.
void TestMainWindow::openingIsNoTransferNews()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/notes.txt")), "notes"));
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
    m_openedUrls.clear();
    QSignalSpy notifications(m_window->notificationBatcher(), &NotificationBatcher::notificationReady);
    m_window->transferQueue()->setPaused(true);
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("notes.txt"));
    QTest::keyClick(detailsView(), Qt::Key_Return);
    QTRY_COMPARE(m_openedUrls.size(), 1);
    auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("transfersDock"));
    QVERIFY(dock->isHidden());
    const int id = m_window->transferQueue()->ids().constLast();
    QCOMPARE(m_window->transferQueue()->transfer(id).description(), QStringLiteral("Open from Invoice 4455"));
    // The batcher tells what it holds once the queue is drained, which it is.
    m_window->notificationBatcher()->flush();
    QCOMPARE(notifications.count(), 0);
}

void TestMainWindow::saveAsWritesWhereChosen()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/notes.txt")), "notes"));
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("notes.txt"));
    action("actionSaveAs")->trigger();
    QTRY_VERIFY(fileDialog());
    QFileDialog* dialog = fileDialog();
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Save “notes.txt” As"));
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    const QString target = m_root->filePath(QStringLiteral("saved notes.txt"));
    dialog->selectFile(target);
    static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept, as its Open or Save button
    QTRY_VERIFY(QFileInfo::exists(target));
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("notes"));
}

void TestMainWindow::saveManyKeepsEveryDocument()
{
    // One document's name is the numbered name the other would get beside the file already in the folder.
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/a.txt")), "first"));
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/a (2).txt")), "second"));
    QVERIFY(QDir(m_root->path()).mkdir(QStringLiteral("saved")));
    const QDir folder(m_root->filePath(QStringLiteral("saved")));
    QVERIFY(SampleDocuments::writeText(folder.filePath(QStringLiteral("a.txt")), "there before"));
    selectEntityAndWait(m_invoice);
    selectAttachments({ QStringLiteral("a.txt"), QStringLiteral("a (2).txt") });
    action("actionSaveAs")->trigger();
    QTRY_VERIFY(fileDialog());
    QFileDialog* dialog = fileDialog();
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Save 2 Documents To"));
    dialog->selectFile(folder.path());
    static_cast<QDialog*>(dialog)->accept();
    QTRY_COMPARE(m_window->transferQueue()->pendingCount(), 0);
    QCOMPARE(folder.entryList(QDir::Files).size(), 3);
    QStringList contents;
    for (const QString& name : folder.entryList(QDir::Files)) {
        QFile file(folder.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        contents.append(QString::fromUtf8(file.readAll()));
    }
    contents.sort();
    QCOMPARE(contents,
             (QStringList { QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("there before") }));
    QFile before(folder.filePath(QStringLiteral("a.txt")));
    QVERIFY(before.open(QIODevice::ReadOnly));
    QCOMPARE(before.readAll(), QByteArray("there before"));
}

void TestMainWindow::messageBarIsAsTallAsItsText()
{
    MessageBar* bar = m_window->messageBar();
    auto* text = bar->findChild<QLabel*>(QStringLiteral("messageText"));
    QVERIFY(text);
    // One short line: no room kept for lines it does not have.
    const int line = text->fontMetrics().lineSpacing();
    // Long enough that a wrapping label's own size hint would break it into three short lines.
    bar->showMessage(QStringLiteral("The file is too large: at most 1024 bytes are accepted."));
    QTRY_VERIFY(bar->isVisible());
    QTRY_VERIFY2(text->height() < 2 * line, qPrintable(QString::number(text->height())));
    // A long one wraps, and every line shows.
    bar->showMessage(QStringLiteral("Not enough disk space. ").repeated(20), MessageBar::Kind::Error);
    QTRY_VERIFY(text->heightForWidth(text->width()) > 2 * line);
    QTRY_VERIFY2(text->height() >= text->heightForWidth(text->width()), qPrintable(QString::number(text->height())));
}

void TestMainWindow::filterNarrowsTheTree()
{
    auto* filter = m_window->findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    const EntityRef customer { EntityType::Customers, QStringLiteral("ACME01") };
    QTest::keyClicks(filter, QStringLiteral("445"));
    QTRY_VERIFY(!treeIndex(customer).isValid());
    QVERIFY(treeIndex(m_invoice).isValid());
    QVERIFY(treeIndex(m_otherInvoice).isValid());
    QVERIFY(!treeIndex(m_inbox).isValid());
    // Escape ends it: every record again, and the keyboard in the tree.
    m_window->activateWindow();
    filter->setFocus();
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QTRY_VERIFY(treeIndex(customer).isValid());
    QVERIFY(treeIndex(m_inbox).isValid());
    QVERIFY(m_window->findChild<QTreeView*>(QStringLiteral("entityTree"))->hasFocus());
}

void TestMainWindow::emptyViewsSayWhy()
{
    const auto placeholderOf = [this](const char* view) {
        return m_window->findChild<QAbstractItemView*>(QLatin1String(view))->findChild<ViewPlaceholder*>();
    };
    ViewPlaceholder* details = placeholderOf("detailsView");
    ViewPlaceholder* grid = placeholderOf("gridView");
    ViewPlaceholder* tree = placeholderOf("entityTree");
    QVERIFY(details && grid && tree);

    QVERIFY(details->isShown());
    QCOMPARE(details->text(), u"Choose a record to see its documents."_s);
    QVERIFY(!tree->isShown());

    selectEntityAndWait(m_otherInvoice);
    QVERIFY(details->isShown());
    QCOMPARE(details->text(), u"No documents yet. Drop files here, or choose Add Files."_s);
    QCOMPARE(grid->text(), details->text());
    WindowTest::saveScreenshot(m_window.get(), u"empty-record.png"_s);

    QVERIFY(SampleDocuments::writeText(storePath(u"Invoices/4455/receipt.txt"_s), "paid"));
    selectEntityAndWait(m_invoice);
    QVERIFY(!details->isShown());
    QVERIFY(!grid->isShown());

    auto* filter = m_window->findChild<QLineEdit*>(u"filterEdit"_s);
    QTest::keyClicks(filter, u"zzz"_s);
    QTRY_VERIFY(tree->isShown());
    QCOMPARE(tree->text(), u"No record matches “zzz”."_s);
    // The record shown stays, though the filter hides it in the tree.
    QVERIFY(!details->isShown());
    filter->clear();
    QTRY_VERIFY(!tree->isShown());
    // Every type comes back open, as it was before the filter.
    auto* entityTree = m_window->findChild<QTreeView*>(u"entityTree"_s);
    QVERIFY(entityTree->model()->rowCount() > 1);
    for (int row = 0; row < entityTree->model()->rowCount(); ++row)
        QVERIFY2(entityTree->isExpanded(entityTree->model()->index(row, 0)), qPrintable(QString::number(row)));
}

void TestMainWindow::deleteAsksFirst()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/old.txt")), "old"));
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("old.txt"));
    QVERIFY(action("actionDelete")->isEnabled());

    // The Delete key, with the documents focused, asks first; Cancel keeps the file.
    QTest::keyClick(detailsView(), Qt::Key_Delete);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr);
    QVERIFY(box->text().contains(QStringLiteral("old.txt")));
    QCOMPARE(box->icon(), QMessageBox::Warning);
    QCOMPARE(box->informativeText(), QStringLiteral("Deleted documents go to the trash where the system has one."));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("deleteConfirmation")));
    QCOMPARE(m_window->transferQueue()->count(), 0);
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/old.txt"))));

    action("actionDelete")->trigger();
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr);
    QAbstractButton* deleteButton = nullptr;
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            deleteButton = button;
    }
    QVERIFY(deleteButton);
    deleteButton->click();
    QTRY_VERIFY(!QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/old.txt"))));
    QTRY_COMPARE(m_window->attachmentModel()->rowCount(), 0);
}

void TestMainWindow::deleteKeepsADocumentChangedMeanwhile()
{
    const QString path = storePath(QStringLiteral("Invoices/4455/draft.txt"));
    QVERIFY(SampleDocuments::writeText(path, "first draft"));
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("draft.txt"));
    action("actionDelete")->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr);
    // While the question is open, a colleague saves a new version over it.
    QVERIFY(SampleDocuments::writeText(path, "second draft, with the figures"));
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            button->click();
    }
    QSignalSpy drained(m_window->transferQueue(), &TransferQueue::drained);
    QVERIFY(drained.wait());
    // Both the user and the colleague keep what matters: the new version stays, and the user is told why.
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("second draft, with the figures"));
    const Transfer transfer = m_window->transferQueue()->transfer(m_window->transferQueue()->ids().constLast());
    QCOMPARE(transfer.state, Transfer::State::Failed);
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("was changed by someone else")),
             qPrintable(m_window->messageBar()->text()));
}

void TestMainWindow::dragFromInboxOntoInvoiceMovesIt()
{
    QVERIFY(SampleDocuments::writeImage(storePath(QStringLiteral("Inbox/Unsorted/scan.png")), 300, 400, Qt::gray));
    selectEntityAndWait(m_inbox);
    AttachmentModel* attachments = m_window->attachmentModel();
    const int row = attachments->rowOf(QStringLiteral("scan.png"));
    QVERIFY(row >= 0);
    // What the view puts in the drag when the row is dragged.
    std::unique_ptr<QMimeData> dragged(attachments->mimeData({ attachments->index(row, 0) }));
    dropOnTree(m_invoice, dragged.get());

    QTRY_VERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/scan.png"))));
    QVERIFY(!QFileInfo::exists(storePath(QStringLiteral("Inbox/Unsorted/scan.png"))));
    QTRY_COMPARE(attachments->rowCount(), 0);
    QTRY_COMPARE(treeIndex(m_invoice).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 1);
}

void TestMainWindow::dragOutExportsFiles()
{
    QVERIFY(SampleDocuments::writePdf(storePath(QStringLiteral("Invoices/4455/contract.pdf")), QStringLiteral("C")));
    selectEntityAndWait(m_invoice);
    AttachmentModel* attachments = m_window->attachmentModel();
    QVERIFY(detailsView()->dragEnabled());
    std::unique_ptr<QMimeData> dragged(attachments->mimeData({ attachments->index(0, 0) }));
    // The file manager copies what the URLs point at: the stored file itself.
    QCOMPARE(dragged->urls().size(), 1);
    const QString exported = dragged->urls().first().toLocalFile();
    QCOMPARE(QFileInfo(exported).canonicalFilePath(),
             QFileInfo(storePath(QStringLiteral("Invoices/4455/contract.pdf"))).canonicalFilePath());
    QCOMPARE(attachments->supportedDragActions(), Qt::CopyAction);
}

void TestMainWindow::notificationsAreBatched()
{
    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    QList<QUrl> urls;
    for (int i = 1; i <= 5; ++i) {
        const QString path = m_root->filePath(QStringLiteral("receipt-%1.jpg").arg(i));
        QVERIFY(SampleDocuments::writeImage(path, 64, 64, Qt::red));
        urls.append(QUrl::fromLocalFile(path));
    }
    QMimeData data;
    data.setUrls(urls);
    dropOnTree(m_invoice, &data);
    QVERIFY(notified.wait());
    QTRY_COMPARE(m_window->transferQueue()->pendingCount(), 0);
    QCOMPARE(notified.size(), 1);
    const QString message = notified.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("5 document")) && message.contains(QStringLiteral("Invoice 4455")),
             qPrintable(message));
    QCOMPARE(QDir(storePath(QStringLiteral("Invoices/4455"))).entryList(QDir::Files).size(), 5);
}

void TestMainWindow::notificationsCanBeTurnedOff()
{
    m_settings->setNotificationsEnabled(NotificationKind::TransfersFinished, false);
    createWindow();
    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    const QString path = m_root->filePath(QStringLiteral("quiet.txt"));
    QVERIFY(SampleDocuments::writeText(path, "quiet"));
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QSignalSpy drained(m_window->transferQueue(), &TransferQueue::drained);
    QVERIFY(drained.wait());
    QTRY_VERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/quiet.txt"))));
    QCoreApplication::processEvents();
    QCOMPARE(notified.size(), 0);
}

void TestMainWindow::newRecordDialogCreatesRecord()
{
    m_window->selectEntity(m_invoice);
    action("actionNewEntity")->trigger();
    NewEntityDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<NewEntityDialog*>()) != nullptr);
    auto* key = dialog->findChild<QLineEdit*>(QStringLiteral("keyEdit"));
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->text(), QStringLiteral("Create"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"));
    // The type follows the selection; a hostile key is refused before it reaches the store, and the dialog says why.
    QCOMPARE(dialog->entity().type, EntityType::Invoices);
    QTest::keyClicks(key, QStringLiteral("../etc"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!problem->isHidden());
    QVERIFY(!problem->text().isEmpty());
    // A record that is there already is not created again.
    key->clear();
    QTest::keyClicks(key, QStringLiteral("4455"));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(problem->text(), QStringLiteral("Invoice 4455 already exists."));
    key->clear();
    QTest::keyClicks(key, QStringLiteral("4460"));
    QVERIFY(ok->isEnabled());
    // No room kept for a reason there is none of.
    QVERIFY(problem->isHidden());
    QTRY_COMPARE(dialog->height(), dialog->sizeHint().height());
    QDir().mkpath(QStringLiteral(ATTACHE_SCREENSHOT_DIR));
    dialog->grab().save(QStringLiteral(ATTACHE_SCREENSHOT_DIR "/new-record-dialog.png"));
    ok->click();

    const EntityRef created { EntityType::Invoices, QStringLiteral("4460") };
    QTRY_VERIFY(treeIndex(created).isValid());
    QVERIFY(QFileInfo(storePath(QStringLiteral("Invoices/4460"))).isDir());
    QTRY_COMPARE(m_window->currentEntity(), created);
}

void TestMainWindow::moveToDialogFilesDocuments()
{
    QVERIFY(SampleDocuments::writePdf(storePath(QStringLiteral("Inbox/Unsorted/bill.pdf")), QStringLiteral("BILL")));
    selectEntityAndWait(m_inbox);
    selectAttachment(QStringLiteral("bill.pdf"));
    action("actionMoveTo")->trigger();
    MoveToDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<MoveToDialog*>()) != nullptr);
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->text(), QStringLiteral("Move"));
    QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("promptLabel"))->text(),
             QStringLiteral("Move 1 document from Inbox folder Unsorted to:"));
    // Filing onto the folder it is already in is not a move.
    dialog->selectTarget(m_inbox);
    QVERIFY(!ok->isEnabled());
    dialog->selectTarget(m_invoice);
    QVERIFY(ok->isEnabled());
    dialog->grab().save(QStringLiteral(ATTACHE_SCREENSHOT_DIR "/move-to-dialog.png"));
    ok->click();
    QTRY_VERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/bill.pdf"))));
    QVERIFY(!QFileInfo::exists(storePath(QStringLiteral("Inbox/Unsorted/bill.pdf"))));
}

void TestMainWindow::failedUploadCanBeRetried()
{
    const QString path = m_root->filePath(QStringLiteral("late.pdf"));
    QVERIFY(SampleDocuments::writePdf(path, QStringLiteral("LATE")));
    TransferQueue* queue = m_window->transferQueue();
    queue->setPaused(true);
    auto* pauseButton = m_window->findChild<QPushButton*>(QStringLiteral("pauseButton"));
    QCOMPARE(pauseButton->text(), QStringLiteral("Resume All"));
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QCOMPARE(queue->count(), 1);
    QCOMPARE(m_window->messageBar()->text(),
             QStringLiteral("Transfers are paused: 1 document will go to Invoice 4455 when they are resumed."));
    const int id = queue->ids().first();
    // The file vanishes before its turn: a clear error, shown in the window, and nothing stored.
    QVERIFY(QFile::rename(path, path + QStringLiteral(".away")));
    queue->setPaused(false);
    QCOMPARE(pauseButton->text(), QStringLiteral("Pause All"));
    // The news that they wait no longer holds.
    QVERIFY(m_window->messageBar()->isHidden());
    QTRY_COMPARE(queue->transfer(id).state, Transfer::State::Failed);
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("late.pdf")));
    QVERIFY(QDir(storePath(QStringLiteral("Invoices/4455"))).isEmpty());

    QVERIFY(QFile::rename(path + QStringLiteral(".away"), path));
    auto* panel = m_window->findChild<QWidget*>(QStringLiteral("transfersPanel"));
    auto* view = panel->findChild<QTreeView*>(QStringLiteral("transferView"));
    view->selectionModel()->select(view->model()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto* retry = panel->findChild<QPushButton*>(QStringLiteral("retryButton"));
    QVERIFY(retry->isEnabled());
    retry->click();
    QTRY_COMPARE(queue->transfer(id).state, Transfer::State::Done);
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/late.pdf"))));
}

void TestMainWindow::showTransfersHidesThemToo()
{
    QAction* showTransfers = action("actionShowTransfers");
    auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("transfersDock"));
    QVERIFY(showTransfers->isCheckable());
    showTransfers->trigger();
    QVERIFY(showTransfers->isChecked());
    QVERIFY(!dock->isHidden());
    showTransfers->trigger();
    QVERIFY(dock->isHidden());
    QVERIFY(!showTransfers->isChecked());
    showTransfers->trigger();
    QVERIFY(!dock->isHidden());
    // Closed by its own button (the dock's toggle), the panel unticks the menu's item.
    dock->toggleViewAction()->trigger();
    QVERIFY(dock->isHidden());
    QVERIFY(!showTransfers->isChecked());
}

// A first start shows no empty transfers panel; the panel comes with a transfer, also after the user closed it.
void TestMainWindow::transfersPanelComesWithTransfers()
{
    QAction* showTransfers = action("actionShowTransfers");
    auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("transfersDock"));
    QVERIFY(dock->isHidden());
    QVERIFY(!showTransfers->isChecked());
    const QString outside = m_root->filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(SampleDocuments::writeText(outside + QStringLiteral("/notes.txt"), "notes"));
    QVERIFY(QDir().mkpath(outside + QStringLiteral("/later")));
    QVERIFY(SampleDocuments::writeText(outside + QStringLiteral("/later/notes.txt"), "later notes"));
    selectEntityAndWait(m_invoice);
    m_window->uploadFiles({ QUrl::fromLocalFile(outside + QStringLiteral("/notes.txt")) }, m_invoice);
    QVERIFY(!dock->isHidden());
    QVERIFY(showTransfers->isChecked());
    QTRY_COMPARE(m_window->attachmentModel()->rowCount(), 1);
    showTransfers->trigger();
    QVERIFY(dock->isHidden());
    m_window->uploadFiles({ QUrl::fromLocalFile(outside + QStringLiteral("/later/notes.txt")) }, m_invoice);
    QVERIFY(!dock->isHidden());
    QTRY_COMPARE(m_window->attachmentModel()->rowCount(), 2);
    // Its name was taken: the panel says which one it has.
    const QAbstractItemModel* transfers = m_window->findChild<TransfersPanel*>()->model();
    QCOMPARE(transfers->rowCount(), 2);
    QTRY_COMPARE(transfers->index(1, TransferModel::StatusColumn).data().toString(),
                 QStringLiteral("Done, as “notes (2).txt”"));
    WindowTest::saveScreenshot(m_window.get(), QStringLiteral("transfer-stored-as.png"));
}

// F2 edits the name in place; the document has the new name once the store has given it, and a name already taken
// is refused with the reason, leaving both documents as they were.
void TestMainWindow::renameInPlace()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/scan.txt")), "scan"));
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/receipt.txt")), "receipt"));
    selectEntityAndWait(m_invoice);
    QVERIFY(action("actionRename")->isVisible());
    QVERIFY(detailsView()->actions().contains(action("actionRename")));
    selectAttachment(QStringLiteral("scan.txt"));
    QVERIFY(action("actionRename")->isEnabled());
    detailsView()->setFocus();
    QTest::keyClick(detailsView(), Qt::Key_F2);
    QLineEdit* editor = nullptr;
    QTRY_VERIFY((editor = detailsView()->findChild<QLineEdit*>()) != nullptr && editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("scan.txt"));
    // What is typed replaces the name and keeps the extension.
    QCOMPARE(editor->selectedText(), QStringLiteral("scan"));
    WindowTest::saveScreenshot(m_window.get(), QStringLiteral("rename-in-place.png"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("receipt.txt"));
    // Delete is a key of the editing here, not the window's Delete.
    QTest::keyClick(editor, Qt::Key_Delete);
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("deleteConfirmation")));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(m_window->messageBar()->text().contains(QStringLiteral("already a document named “receipt.txt”")));
    QCOMPARE(CoreTest::readFile(storePath(QStringLiteral("Invoices/4455/receipt.txt"))), QByteArray("receipt"));
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/scan.txt"))));

    selectAttachment(QStringLiteral("scan.txt"));
    action("actionRename")->trigger();
    QTRY_VERIFY((editor = detailsView()->findChild<QLineEdit*>()) != nullptr && editor->isVisible());
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Kvitto mars.txt"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(m_window->attachmentModel()->rowOf(QStringLiteral("Kvitto mars.txt")) >= 0);
    QCOMPARE(m_window->attachmentModel()->rowOf(QStringLiteral("scan.txt")), -1);
    QCOMPARE(CoreTest::readFile(storePath(QStringLiteral("Invoices/4455/Kvitto mars.txt"))), QByteArray("scan"));
    // The renamed document stays the one selected, through the listing that follows too.
    const QList<AttachmentRef> renamed { { m_invoice, QStringLiteral("Kvitto mars.txt") } };
    QCOMPARE(m_window->selectedAttachments(), renamed);
    QTRY_VERIFY(!m_window->attachmentModel()->isLoading());
    QCOMPARE(m_window->selectedAttachments(), renamed);
}

// A document that a transfer still needs under its name keeps it, whether the transfer came before the editing or
// during it.
void TestMainWindow::renameWaitsForTransfers()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/scan.txt")), "scan"));
    selectEntityAndWait(m_invoice);
    TransferQueue* queue = m_window->transferQueue();
    queue->setPaused(true);
    const AttachmentRef scan { m_invoice, QStringLiteral("scan.txt") };
    const int download = queue->enqueueDownload(scan, m_root->filePath(QStringLiteral("copy.txt")));
    selectAttachment(scan.name);
    action("actionRename")->trigger();
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("“scan.txt” cannot be renamed while")));
    QVERIFY(!detailsView()->findChild<QLineEdit*>() || !detailsView()->findChild<QLineEdit*>()->isVisible());
    queue->cancel(download);

    m_window->messageBar()->withdraw(m_window->messageBar()->text());
    QVERIFY(m_window->messageBar()->isHidden());
    action("actionRename")->trigger();
    QLineEdit* editor = nullptr;
    QTRY_VERIFY((editor = detailsView()->findChild<QLineEdit*>()) != nullptr && editor->isVisible());
    queue->enqueueDelete(scan);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("receipt.txt"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(m_window->messageBar()->text().contains(QStringLiteral("“scan.txt” cannot be renamed while")));
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/scan.txt"))));
    QVERIFY(!QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/receipt.txt"))));
}

// In the thumbnail grid a click selects the document for every action, and F2 edits its name there too.
void TestMainWindow::gridActsOnTheClickedDocument()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/scan.txt")), "scan"));
    selectEntityAndWait(m_invoice);
    m_window->setViewMode(MainWindow::GridMode);
    auto* grid = m_window->findChild<QListView*>(QStringLiteral("gridView"));
    QTRY_VERIFY(grid->isVisible());
    const QModelIndex item = grid->model()->index(0, 0);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(item).center());
    QCOMPARE(m_window->selectedAttachments(), (QList<AttachmentRef> { { m_invoice, QStringLiteral("scan.txt") } }));
    QVERIFY(action("actionDelete")->isEnabled());
    QVERIFY(action("actionRename")->isEnabled());
    QTest::keyClick(grid, Qt::Key_F2);
    QLineEdit* editor = nullptr;
    QTRY_VERIFY((editor = grid->findChild<QLineEdit*>()) != nullptr && editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("scan.txt"));
}

// Transfers taken up from the last run bring the panel, even one the user had closed.
void TestMainWindow::resumedTransfersBringThePanel()
{
    // Paused, so that the upload still waits when the window closes.
    action("actionPauseTransfers")->trigger();
    const QString file = m_root->filePath(QStringLiteral("waiting.txt"));
    QVERIFY(SampleDocuments::writeText(file, "waiting"));
    m_window->uploadFiles({ QUrl::fromLocalFile(file) }, m_invoice);
    action("actionShowTransfers")->trigger();
    QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("transfersDock"))->isHidden());
    m_window->close();
    m_window.reset();

    createWindow();
    QCOMPARE(m_window->transferQueue()->count(), 1);
    QVERIFY(!m_window->findChild<QDockWidget*>(QStringLiteral("transfersDock"))->isHidden());
    QVERIFY(action("actionShowTransfers")->isChecked());
}

// The local store's records are folders: Show in Folder opens the current one in the file manager, from the
// documents and from the record alike.
void TestMainWindow::showInFolderOpensTheRecordsFolder()
{
    QAction* showInFolder = action("actionShowInFolder");
    QVERIFY(showInFolder->isVisible());
    QVERIFY(detailsView()->actions().contains(showInFolder));
    QVERIFY(m_window->findChild<QTreeView*>(QStringLiteral("entityTree"))->actions().contains(showInFolder));
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
    m_openedUrls.clear();
    selectEntityAndWait(m_invoice);
    QVERIFY(showInFolder->isEnabled());
    showInFolder->trigger();
    QCOMPARE(m_openedUrls, QList<QUrl> { QUrl::fromLocalFile(storePath(QStringLiteral("Invoices/4455"))) });
}

void TestMainWindow::noItemThatCanNeverApply()
{
    // The local store has no folder e-mail addresses: Copy E-mail Address would only ever be greyed out.
    selectEntityAndWait(m_inbox);
    QVERIFY(!action("actionCopyEmail")->isVisible());
    QVERIFY(!action("actionSendPdf")->isVisible());
}

void TestMainWindow::aboutSaysWhichVersionAndWhere()
{
    const auto restore = qScopeGuard(
        [version = QCoreApplication::applicationVersion()] { QCoreApplication::setApplicationVersion(version); });
    QCoreApplication::setApplicationVersion(QStringLiteral("1.2.3"));
    action("actionAbout")->trigger();
    QMessageBox* about = nullptr;
    QTRY_VERIFY((about = m_window->findChild<QMessageBox*>(QStringLiteral("aboutBox"))) && about->isVisible());
    QVERIFY2(about->text().startsWith(QStringLiteral("Attaché 1.2.3")), qPrintable(about->text()));
    QVERIFY(about->text().contains(m_window->store()->displayName()));
    // Not modal to the app: transfers and sync go on behind it.
    QCOMPARE(about->windowModality(), Qt::WindowModal);
    WindowTest::saveScreenshot(about, QStringLiteral("about.png"));
    about->close();
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("aboutBox")));
}

void TestMainWindow::everyActionHasAShortcut()
{
    const QList<QAction*> actions = m_window->findChildren<QAction*>();
    int named = 0;
    for (QAction* action : actions) {
        // Desktops give an About item no shortcut of its own.
        if (!action->objectName().startsWith(QLatin1String("action")) || action->menuRole() == QAction::AboutRole)
            continue;
        ++named;
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->objectName()));
    }
    QVERIFY(named >= 12);
    QCOMPARE(action("actionDelete")->shortcut(), QKeySequence(QKeySequence::Delete));
}

// GNOME's Adwaita names some icons differently from the freedesktop list ("view-list-symbolic"): no button is left
// as bare text beside the others.
void TestMainWindow::toolBarHasAnIconForEveryButtonUnderAdwaita()
{
    const auto restore = qScopeGuard([theme = QIcon::themeName(), paths = QIcon::themeSearchPaths()] {
        QIcon::setThemeName(theme);
        QIcon::setThemeSearchPaths(paths);
    });
    // The offscreen platform looks in no theme folder of its own.
    QIcon::setThemeSearchPaths({ QStringLiteral("/usr/share/icons") });
    QIcon::setThemeName(QStringLiteral("Adwaita"));
    createWindow();
    const auto* toolBar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    int buttons = 0;
    for (QAction* action : toolBar->actions()) {
        if (action->isSeparator())
            continue;
        ++buttons;
        QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
    }
    QVERIFY(buttons >= 9);
}

// Cancel, retry and clear from the keyboard while the transfer list has the focus; Delete there never touches a
// document.
void TestMainWindow::transfersAnswerTheirKeys()
{
    QVERIFY(SampleDocuments::writeText(storePath(QStringLiteral("Invoices/4455/kept.txt")), "kept"));
    selectEntityAndWait(m_invoice);
    selectAttachment(QStringLiteral("kept.txt"));
    const QString path = m_root->filePath(QStringLiteral("late.pdf"));
    QVERIFY(SampleDocuments::writePdf(path, QStringLiteral("LATE")));
    TransferQueue* queue = m_window->transferQueue();
    queue->setPaused(true);
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    const int id = queue->ids().first();
    auto* view = m_window->findChild<QTreeView*>(QStringLiteral("transferView"));
    view->selectionModel()->select(view->model()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    view->setFocus();

    QTest::keyClick(view, Qt::Key_Delete);
    QTRY_COMPARE(queue->transfer(id).state, Transfer::State::Cancelled);
    QTest::keyClick(view, Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE(queue->transfer(id).state, Transfer::State::Queued);
    queue->setPaused(false);
    QTRY_COMPARE(queue->transfer(id).state, Transfer::State::Done);
    QTest::keyClick(view, Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(queue->count(), 0);

    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/late.pdf"))));
    QVERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/kept.txt"))));
    QCOMPARE(m_window->findChildren<QMessageBox*>().size(), 0);
}

void TestMainWindow::remembersViewModeAndSelection()
{
    m_window->selectEntity(m_invoice);
    m_window->setViewMode(MainWindow::GridMode);
    // Within the offscreen platform's 800 × 600 screen, which a restored window may be kept to.
    m_window->resize(760, 560);
    auto* splitter = m_window->findChild<QSplitter*>(QStringLiteral("splitter"));
    splitter->setSizes({ 333, 667 });
    const QList<int> sizes = splitter->sizes();
    QVERIFY(sizes.first() != 280);
    m_window->close();
    m_window.reset();
    createWindow();
    QCOMPARE(m_window->viewMode(), MainWindow::GridMode);
    QTRY_COMPARE(m_window->currentEntity(), m_invoice);
    QCOMPARE(m_window->size(), QSize(760, 560));
    QCOMPARE(m_window->findChild<QSplitter*>(QStringLiteral("splitter"))->sizes(), sizes);
}

void TestMainWindow::savesScreenshot()
{
    const QString folder = storePath(QStringLiteral("Invoices/4455/"));
    QVERIFY(SampleDocuments::writePdf(folder + QStringLiteral("Invoice 4455.pdf"), QStringLiteral("INVOICE 4455")));
    QVERIFY(
        SampleDocuments::writeImage(folder + QStringLiteral("Receipt 0311.jpg"), 800, 600, QColor(0xe6, 0x7e, 0x22)));
    QVERIFY(SampleDocuments::writeImage(folder + QStringLiteral("Taxi.png"), 480, 640, QColor(0x1f, 0x61, 0x8d)));
    QVERIFY(SampleDocuments::writeText(folder + QStringLiteral("Notes.txt"), "Paid by card"));
    m_window->resize(1100, 700);
    m_window->setViewMode(MainWindow::GridMode);
    selectEntityAndWait(m_invoice);
    AttachmentModel* attachments = m_window->attachmentModel();
    for (int row = 0; row < attachments->rowCount(); ++row) {
        attachments->index(row, 0).data(Qt::DecorationRole);
        if (ThumbnailCache::canRender(attachments->attachmentAt(row).name))
            QTRY_VERIFY(
                !m_window->thumbnailCache()->thumbnail(attachments->attachmentAt(row).contentHash, {}).isNull());
    }
    WindowTest::saveScreenshot(m_window.get(), QStringLiteral("main-window.png"), 10000);
}

void TestMainWindow::changesMadeElsewhereShowUpInPlace()
{
    const QString folder = storePath(QStringLiteral("Invoices/4456/"));
    QVERIFY(SampleDocuments::writeText(folder + QStringLiteral("kept.txt"), "kept"));
    QVERIFY(SampleDocuments::writeText(folder + QStringLiteral("old.txt"), "old"));
    selectEntityAndWait(m_otherInvoice);
    selectAttachment(QStringLiteral("kept.txt"));
    QSignalSpy notified(m_window->trayIcon(), &TrayIcon::notified);
    // The folder is watched once the first listing is in; a colleague then files two and removes one.
    QTRY_VERIFY(m_window->syncMonitor()->isStarted());
    QVERIFY(SampleDocuments::writeText(folder + QStringLiteral("new 1.txt"), "one"));
    QVERIFY(SampleDocuments::writeText(folder + QStringLiteral("new 2.txt"), "two"));
    QVERIFY(QFile::remove(folder + QStringLiteral("old.txt")));

    AttachmentModel* attachments = m_window->attachmentModel();
    QTRY_VERIFY(attachments->rowOf(QStringLiteral("new 2.txt")) >= 0
                && attachments->rowOf(QStringLiteral("old.txt")) < 0);
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(1).toString(), QStringLiteral("2 new documents on Invoice 4456, 1 removed"));
    QVERIFY(!notified.wait(500));
    // In place: the selection stays, and the count and the status bar follow.
    const QModelIndexList rows = detailsView()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data().toString(), QStringLiteral("kept.txt"));
    QTRY_COMPARE(treeIndex(m_otherInvoice).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 3);
    QVERIFY2(m_window->statusSummary()->text().startsWith(QStringLiteral("3 documents on Invoice 4456")),
             qPrintable(m_window->statusSummary()->text()));
}

// A menu's status tip shows in the status bar while the pointer is on an item; the summary comes back after it.
void TestMainWindow::statusTipsLeaveTheSummary()
{
    selectEntityAndWait(m_invoice);
    QLabel* summary = m_window->statusSummary();
    const QString text = summary->text();
    QVERIFY2(text.startsWith(QStringLiteral("0 documents on Invoice 4455")), qPrintable(text));
    QVERIFY(summary->isVisible());
    QStatusTipEvent tip(QStringLiteral("Save the selected documents"));
    QApplication::sendEvent(m_window.get(), &tip);
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Save the selected documents"));
    QStatusTipEvent none { QString() };
    QApplication::sendEvent(m_window.get(), &none);
    QVERIFY(summary->isVisible());
    QCOMPARE(summary->text(), text);
}

void TestMainWindow::offlineIsOneQuietState()
{
    selectEntityAndWait(m_invoice);
    m_window->connectivity()->report(StoreReply::Error::Network);
    QVERIFY(!m_window->connectivity()->isOnline());
    QCOMPARE(m_window->trayIcon()->state(), TrayIcon::State::Offline);
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Information);
    QVERIFY2(m_window->messageBar()->text().startsWith(QStringLiteral("Offline")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(m_window->statusSummary()->text().contains(QStringLiteral("Offline")));
    // Dropped files wait for the connection rather than failing.
    const QString path = m_root->filePath(QStringLiteral("while-offline.txt"));
    QVERIFY(SampleDocuments::writeText(path, "later"));
    m_window->uploadFiles({ QUrl::fromLocalFile(path) }, m_invoice);
    QCoreApplication::processEvents();
    QCOMPARE(m_window->transferQueue()->pendingCount(), 1);
    QVERIFY(!QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/while-offline.txt"))));
    QCOMPARE(m_window->messageBar()->text(),
             QStringLiteral("Offline: 1 document will go to Invoice 4455 when the connection is back."));
    QVERIFY(m_window->statusSummary()->text().contains(QStringLiteral("1 transfer waiting")));
    QDir().mkpath(QStringLiteral(ATTACHE_SCREENSHOT_DIR));
    QVERIFY(m_window->grab().save(QStringLiteral(ATTACHE_SCREENSHOT_DIR "/offline.png")));

    m_window->connectivity()->report(StoreReply::Error::None);
    QCOMPARE(m_window->messageBar()->text(), QStringLiteral("Back online."));
    QTRY_VERIFY(QFileInfo::exists(storePath(QStringLiteral("Invoices/4455/while-offline.txt"))));
    QTRY_COMPARE(m_window->transferQueue()->pendingCount(), 0);
    QVERIFY(m_window->trayIcon()->state() != TrayIcon::State::Offline);
}

void TestMainWindow::settingsHaveASwitchPerNotification()
{
    m_settings->setNotificationsEnabled(NotificationKind::RemoteChanges, false);
    m_settings->setPollIntervalMinutes(15);
    QDir().mkpath(QStringLiteral(ATTACHE_SCREENSHOT_DIR));
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("sv") }) {
        QTranslator swedish;
        if (language == QStringLiteral("sv")) {
            QVERIFY(swedish.load(QStringLiteral("attache_sv"), QStringLiteral(":/i18n")));
            QVERIFY(QCoreApplication::installTranslator(&swedish));
        }
        SettingsDialog dialog(*m_settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QStringLiteral(ATTACHE_SCREENSHOT_DIR "/settings-%1.png").arg(language)));
        QCoreApplication::removeTranslator(&swedish);
        QCOMPARE(dialog.pollIntervalMinutes(), 15);
        QVERIFY(dialog.notificationsEnabled(NotificationKind::TransfersFinished));
        QVERIFY(dialog.notificationsEnabled(NotificationKind::TransfersFailed));
        QVERIFY(!dialog.notificationsEnabled(NotificationKind::RemoteChanges));
    }

    SettingsDialog dialog(*m_settings);
    dialog.findChild<QCheckBox*>(QStringLiteral("notifyChangesCheck"))->setChecked(true);
    dialog.findChild<QCheckBox*>(QStringLiteral("notifyFailedCheck"))->setChecked(false);
    dialog.findChild<QSpinBox*>(QStringLiteral("pollSpin"))->setValue(30);
    dialog.apply(*m_settings);
    QVERIFY(m_settings->notificationsEnabled(NotificationKind::RemoteChanges));
    QVERIFY(!m_settings->notificationsEnabled(NotificationKind::TransfersFailed));
    QCOMPARE(m_settings->pollIntervalMinutes(), 30);
}

// Every Alt+letter in a menu, the menu bar and the dialogs reaches one item, in English and in Swedish.
void TestMainWindow::mnemonicsAreDistinct()
{
    const auto verifyNone
        = [](const QStringList& clashes) { QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s))); };
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("sv") }) {
        QTranslator swedish;
        if (language == QStringLiteral("sv")) {
            QVERIFY(swedish.load(QStringLiteral("attache_sv"), QStringLiteral(":/i18n")));
            QVERIFY(QCoreApplication::installTranslator(&swedish));
        }
        const auto removeTranslator = qScopeGuard([&swedish] { QCoreApplication::removeTranslator(&swedish); });
        MainWindow window(*m_settings);
        verifyNone(WindowTest::menuMnemonicClashes(window.menuBar()->actions()));
        SettingsDialog settings(*m_settings);
        verifyNone(WindowTest::dialogMnemonicClashes(settings));
        AccountsDialog accounts(*m_settings);
        verifyNone(WindowTest::dialogMnemonicClashes(accounts));
        // The key's label follows the type.
        NewEntityDialog newEntity(EntityType::Invoices, {});
        auto* types = newEntity.findChild<QComboBox*>(QStringLiteral("typeCombo"));
        for (int type = 0; type < types->count(); ++type) {
            types->setCurrentIndex(type);
            verifyNone(WindowTest::dialogMnemonicClashes(newEntity));
            QVERIFY(newEntity.findChild<QLabel*>(QStringLiteral("keyLabel"))->text().startsWith(QLatin1Char('&')));
        }
    }
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
