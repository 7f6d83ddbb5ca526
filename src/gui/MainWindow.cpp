#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "AccountsDialog.h"
#include "AttachmentItemDelegate.h"
#include "AttachmentModel.h"
#include "ConnectivityMonitor.h"
#include "DropboxStore.h"
#include "EntityTreeModel.h"
#include "FortnoxStore.h"
#include "KashflowDropboxConnection.h"
#include "KashflowSignInDialog.h"
#include "KashflowStore.h"
#include "LocalStore.h"
#include "MessageBar.h"
#include "MetadataCache.h"
#include "MoveToDialog.h"
#include "NameRules.h"
#include "NewEntityDialog.h"
#include "NotificationBatcher.h"
#include "SecretStore.h"
#include "Settings.h"
#include "SettingsDialog.h"
#include "SignInBrowserDialog.h"
#include "Store.h"
#include "StoreFactory.h"
#include "SyncMonitor.h"
#include "ThumbnailCache.h"
#include "TransferJournal.h"
#include "TransferModel.h"
#include "TransferQueue.h"
#include "TransfersPanel.h"
#include "TrayIcon.h"
#include "ViewPlaceholder.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

namespace {

QString quotedNames(const QStringList& names)
{
    QStringList quoted;
    for (const QString& name : names)
        quoted.append(QStringLiteral("“%1”").arg(name));
    return quoted.join(QStringLiteral(", "));
}

// The freedesktop name, else the symbolic one, which is all that newer GNOME themes (Adwaita) ship; some have
// another name there. Qt 6.4 does not recolour symbolic icons, so they stay dark in a dark palette.
QIcon themeIcon(const char* name, const char* symbolicName = nullptr)
{
    const QIcon icon = QIcon::fromTheme(QLatin1String(name));
    if (!icon.isNull())
        return icon;
    return QIcon::fromTheme(symbolicName ? QString::fromLatin1(symbolicName)
                                         : QString::fromLatin1(name) + QStringLiteral("-symbolic"));
}

} // namespace

MainWindow::MainWindow(Settings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_settings(settings)
    , m_journal(std::make_unique<TransferJournal>())
    , m_cache(std::make_unique<MetadataCache>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/attache.svg")));
    // A widget rather than a message: a menu's status tips would wipe a message for good.
    m_statusSummary = new QLabel(this);
    m_statusSummary->setObjectName(QStringLiteral("statusSummary"));
    m_statusSummary->setTextFormat(Qt::PlainText);
    // A long folder path is cut off rather than widening the window.
    m_statusSummary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_statusSummary, 1);

    m_thumbnails = new ThumbnailCache(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                                          + QStringLiteral("/thumbnails"),
                                      ThumbnailCache::DefaultMemoryBudgetKiB, this);
    m_batcher = new NotificationBatcher(this);
    applyNotificationSettings();
    m_connectivity = new ConnectivityMonitor(this);
    connect(m_connectivity, &ConnectivityMonitor::onlineChanged, this, &MainWindow::onOnlineChanged);
    m_tray = new TrayIcon(m_ui->actionPauseTransfers, m_ui->actionQuit, this);
    connect(m_tray, &TrayIcon::activated, this, &MainWindow::showWindow);
    connect(m_tray, &TrayIcon::entityRequested, this, [this](const EntityRef& entity) {
        showWindow();
        selectEntity(entity);
    });
    connect(m_batcher, &NotificationBatcher::notificationReady, m_tray, &TrayIcon::notify);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshDirty);

    m_ui->detailsView->header()->setSortIndicator(AttachmentModel::NameColumn, Qt::AscendingOrder);
    const QSize thumbnailSize(128, 96);
    m_ui->gridView->setIconSize(thumbnailSize);
    // Room for three lines of a name under the picture, and for the margins the style keeps around both.
    m_ui->gridView->setGridSize(
        QSize(150, thumbnailSize.height() + 3 * m_ui->gridView->fontMetrics().lineSpacing() + 16));
    m_ui->gridView->setItemDelegate(new AttachmentItemDelegate(thumbnailSize, this));
    const QSize detailsIconSize(ThumbnailCache::ListIconSide, ThumbnailCache::ListIconSide);
    m_ui->detailsView->setIconSize(detailsIconSize);
    m_ui->detailsView->setItemDelegate(new AttachmentItemDelegate(detailsIconSize, this));
    m_ui->splitter->setStretchFactor(1, 1);
    m_detailsPlaceholder = new ViewPlaceholder(m_ui->detailsView);
    m_gridPlaceholder = new ViewPlaceholder(m_ui->gridView);
    m_entityPlaceholder = new ViewPlaceholder(m_ui->entityTree);

    setUpActions();
    openStore(m_settings.storeUri());
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

MessageBar* MainWindow::messageBar() const
{
    return m_ui->messageBar;
}

void MainWindow::setUpActions()
{
    Ui::MainWindow& ui = *m_ui;
    ui.actionNewEntity->setIcon(themeIcon("folder-new"));
    ui.actionAddFiles->setIcon(themeIcon("list-add"));
    ui.actionOpen->setIcon(themeIcon("document-open"));
    ui.actionShowInFolder->setIcon(themeIcon("folder-open"));
    ui.actionSaveAs->setIcon(themeIcon("document-save-as"));
    ui.actionMoveTo->setIcon(themeIcon("go-jump"));
    ui.actionDelete->setIcon(themeIcon("edit-delete"));
    ui.actionRefresh->setIcon(themeIcon("view-refresh"));
    ui.actionDetailsView->setIcon(themeIcon("view-list-details", "view-list-symbolic"));
    ui.actionGridView->setIcon(themeIcon("view-list-icons", "view-grid-symbolic"));
    ui.actionSettings->setIcon(themeIcon("preferences-system"));
    ui.actionQuit->setIcon(themeIcon("application-exit"));

    // Return and Delete act on documents only while the documents have the focus, never in the filter box.
    // Not in a name being edited either, where Return ends the editing and Delete deletes a character.
    for (QAction* action : { ui.actionOpen, ui.actionRename, ui.actionDelete })
        action->setShortcutContext(Qt::WidgetShortcut);
    for (QAbstractItemView* view :
         { static_cast<QAbstractItemView*>(ui.detailsView), static_cast<QAbstractItemView*>(ui.gridView) }) {
        view->addActions({ ui.actionOpen, ui.actionShowInFolder, ui.actionRename, ui.actionSaveAs, ui.actionMoveTo,
                           ui.actionDelete });
        // A double click opens; names are edited only through Rename (F2).
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        auto* separator = new QAction(view);
        separator->setSeparator(true);
        view->addAction(separator);
        view->addActions({ ui.actionAddFiles, ui.actionRefresh });
        connect(view, &QAbstractItemView::activated, this, &MainWindow::openSelected);
    }
    ui.entityTree->setContextMenuPolicy(Qt::ActionsContextMenu);
    ui.entityTree->addActions({ ui.actionNewEntity, ui.actionAddFiles, ui.actionShowInFolder, ui.actionCopyEmail,
                                ui.actionSendPdf, ui.actionRefresh });

    auto* viewGroup = new QActionGroup(this);
    viewGroup->addAction(ui.actionDetailsView);
    viewGroup->addAction(ui.actionGridView);
    connect(ui.actionDetailsView, &QAction::triggered, this, [this] { setViewMode(DetailsMode); });
    connect(ui.actionGridView, &QAction::triggered, this, [this] { setViewMode(GridMode); });

    connect(ui.actionNewEntity, &QAction::triggered, this, &MainWindow::newEntity);
    connect(ui.actionAddFiles, &QAction::triggered, this, &MainWindow::addFiles);
    connect(ui.actionOpen, &QAction::triggered, this, &MainWindow::openSelected);
    connect(ui.actionShowInFolder, &QAction::triggered, this, &MainWindow::showInFolder);
    connect(ui.actionRename, &QAction::triggered, this, [this] {
        const QModelIndexList rows = m_ui->detailsView->selectionModel()->selectedRows(AttachmentModel::NameColumn);
        auto* view = static_cast<QAbstractItemView*>(m_ui->attachmentStack->currentWidget());
        if (rows.size() != 1)
            return;
        const AttachmentRef attachment = m_attachments->refAt(rows.first().row());
        if (refuseRenameWhileTransferring(attachment))
            return;
        view->edit(rows.first());
        // The name without its extension, as file managers do: typing over it keeps the document's type.
        if (auto* editor = qobject_cast<QLineEdit*>(view->indexWidget(rows.first())))
            editor->setSelection(0, static_cast<int>(NameRules::extensionStart(attachment.name)));
    });
    connect(ui.actionSaveAs, &QAction::triggered, this, &MainWindow::saveSelectedAs);
    connect(ui.actionMoveTo, &QAction::triggered, this, &MainWindow::moveSelected);
    connect(ui.actionDelete, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(ui.actionRefresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(ui.actionSettings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(ui.actionAccounts, &QAction::triggered, this, &MainWindow::showAccounts);
    connect(ui.actionKashflowSignIn, &QAction::triggered, this, [this] { signInToKashflow(); });
    connect(ui.actionConnectKashflowDropbox, &QAction::triggered, this, &MainWindow::connectKashflowToDropbox);
    connect(ui.actionSendPdf, &QAction::triggered, this, &MainWindow::sendPdf);
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui.actionCopyEmail, &QAction::triggered, this, [this] {
        const QString email = currentEmail();
        if (email.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(email);
        m_ui->messageBar->showMessage(tr("Copied %1: documents e-mailed there arrive in %2.")
                                          .arg(email, m_ui->entityTree->currentIndex().data().toString()));
    });
    connect(ui.actionFilter, &QAction::triggered, this, [this] {
        m_ui->filterEdit->setFocus();
        m_ui->filterEdit->selectAll();
    });
    // Escape ends the filtering, as in a file manager's: every record again, and the keyboard back in the tree.
    auto* endFilter = new QShortcut(QKeySequence(Qt::Key_Escape), ui.filterEdit, nullptr, nullptr, Qt::WidgetShortcut);
    connect(endFilter, &QShortcut::activated, this, [this] {
        m_ui->filterEdit->clear();
        m_ui->entityTree->setFocus();
    });
    // Ticked while the panel is shown, so that it hides the panel too; the panel's own close button unticks it.
    // Triggered, not toggled: the window hidden to the tray unticks it too, and must not hide the panel for good.
    connect(ui.actionShowTransfers, &QAction::triggered, this, [this](bool shown) {
        if (!shown) {
            m_ui->transfersDock->hide();
            return;
        }
        showWindow();
        m_ui->transfersDock->show();
        m_ui->transfersDock->raise();
    });
    connect(ui.transfersDock->toggleViewAction(), &QAction::toggled, ui.actionShowTransfers, &QAction::setChecked);
    connect(ui.actionPauseTransfers, &QAction::toggled, this, [this](bool paused) {
        if (m_queue)
            m_queue->setPaused(paused);
    });
    connect(ui.actionQuit, &QAction::triggered, this, [this] {
        m_quitting = true;
        close();
        QApplication::quit();
    });
    connect(ui.filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_entityFilter->setFilterFixedString(text);
        // The rows the filter brings back come collapsed.
        m_ui->entityTree->expandAll();
        updatePlaceholders();
    });
}

void MainWindow::openStore(const QString& uri)
{
    QString error;
    Store* store = StoreFactory::create(uri, m_settings, this, &error);
    if (!store) {
        showError(error);
        store = StoreFactory::create(QStringLiteral("local:") + m_settings.localRootPath(), m_settings, this, &error);
    }

    // Views first get the new models, then the old ones go.
    auto* queue = new TransferQueue(store, this);
    queue->setMaxConcurrent(m_settings.maxConcurrentTransfers());
    queue->setPaused(m_ui->actionPauseTransfers->isChecked());
    if (m_journal->isOpen())
        queue->setJournal(m_journal.get());
    else
        showError(m_journal->errorString());
    queue->setConnectivity(m_connectivity);
    // Without its cache the window still works, only it starts empty and cannot be browsed offline.
    if (!m_cache->isOpen())
        showError(m_cache->errorString());
    auto* sync = new SyncMonitor(store, m_cache->isOpen() ? m_cache.get() : nullptr, m_connectivity, this);
    auto* entities = new EntityTreeModel(sync, this);
    auto* entityFilter = new QSortFilterProxyModel(this);
    entityFilter->setSourceModel(entities);
    entityFilter->setRecursiveFilteringEnabled(true);
    entityFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto* attachments = new AttachmentModel(sync, m_thumbnails, this);
    auto* attachmentSort = new QSortFilterProxyModel(this);
    attachmentSort->setSourceModel(attachments);
    attachmentSort->setSortRole(AttachmentModel::SortRole);

    m_ui->entityTree->setModel(entityFilter);
    m_ui->detailsView->setModel(attachmentSort);
    m_ui->gridView->setModel(attachmentSort);
    m_ui->gridView->setSelectionModel(m_ui->detailsView->selectionModel());
    // A click in the grid selects the document, every column of it, as a click in the details does: the actions
    // act on selected rows.
    m_ui->gridView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ui->transfersPanel->setQueue(queue);
    m_ui->transfersPanel->model()->setEntityTitles(
        [this](const EntityRef& entity) { return titleOf(entity, EntityTypes::Wording::InSentence); });

    for (QObject* old : std::initializer_list<QObject*> { m_attachmentSort, m_attachments, m_entityFilter, m_entities,
                                                          m_sync, m_queue, m_store })
        delete old;
    // A Dropbox connection under way belongs to the KashFlow store it was started for.
    delete m_kashflowDropbox;
    if (m_kashflowBrowser)
        m_kashflowBrowser->done(QDialog::Rejected);
    m_store = store;
    m_queue = queue;
    m_sync = sync;
    // Dropbox and Fortnox sign in again in Accounts.
    const auto askToSignIn = [this](const QString& message) {
        showError(message);
        showAccounts();
    };
    if (auto* dropbox = qobject_cast<DropboxStore*>(store))
        connect(dropbox, &DropboxStore::signInRequired, this, askToSignIn);
    if (auto* fortnox = qobject_cast<FortnoxStore*>(store))
        connect(fortnox, &FortnoxStore::signInRequired, this, askToSignIn);
    if (auto* kashflow = qobject_cast<KashflowStore*>(store)) {
        // Before the first listing, so that it goes with the session the user has just signed in to.
        if (const auto handover = std::exchange(m_kashflowHandover, std::nullopt))
            kashflow->setSession(handover->sessionToken, handover->remembered);
        connect(kashflow, &KashflowStore::signInRequired, this, &MainWindow::signInToKashflow);
    }
    m_entities = entities;
    m_entityFilter = entityFilter;
    m_attachments = attachments;
    m_attachmentSort = attachmentSort;

    QHeaderView* header = m_ui->entityTree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(EntityTreeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(EntityTreeModel::CountColumn, QHeaderView::ResizeToContents);
    // Sized by the rows in view, not by ten thousand of them.
    header->setResizeContentsPrecision(0);
    QHeaderView* details = m_ui->detailsView->header();
    details->setSectionResizeMode(AttachmentModel::NameColumn, QHeaderView::Stretch);
    details->setSectionResizeMode(AttachmentModel::SizeColumn, QHeaderView::ResizeToContents);
    details->setSectionResizeMode(AttachmentModel::ModifiedColumn, QHeaderView::ResizeToContents);
    details->setStretchLastSection(false);

    connect(m_ui->entityTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onEntityChanged);
    connect(m_ui->detailsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_sync, &SyncMonitor::entitiesListFailed, this,
            [this](EntityType, StoreReply::Error error, const QString& message) { onListFailed(error, message); });
    connect(
        m_sync, &SyncMonitor::attachmentsListFailed, this,
        [this](const EntityRef&, StoreReply::Error error, const QString& message) { onListFailed(error, message); });
    connect(m_sync, &SyncMonitor::remoteChanges, m_batcher, &NotificationBatcher::addRemoteChanges);
    connect(m_entities, &EntityTreeModel::loaded, this, [this] {
        if (!m_pendingSelection.id.isEmpty() && m_entities->indexOf(m_pendingSelection).isValid())
            selectEntity(std::exchange(m_pendingSelection, {}));
        updateStatus();
    });
    connect(m_entities, &EntityTreeModel::filesDropped, this, &MainWindow::uploadFiles);
    connect(m_entities, &EntityTreeModel::attachmentsDropped, this, &MainWindow::moveAttachments);
    connect(m_attachments, &AttachmentModel::filesDropped, this, &MainWindow::uploadFiles);
    connect(m_attachments, &AttachmentModel::renameRequested, this, &MainWindow::renameAttachment);
    m_attachments->setRenamable(m_store->supports(Store::Operation::Rename));
    connect(m_attachments, &AttachmentModel::loaded, this, &MainWindow::updatePlaceholders);
    // Documents found by a listing or by a change elsewhere alike.
    for (const auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_attachments, signal, this, &MainWindow::updateStatus);
    connect(m_queue, &TransferQueue::transferFinished, this, &MainWindow::onTransferFinished);
    connect(m_queue, &TransferQueue::transferAdded, this, &MainWindow::updateStatus);
    // The panel comes when there is something to follow in it; an empty one would only take room from the documents.
    // Not for a document being opened, which the user follows in its own application.
    connect(m_queue, &TransferQueue::transferAdded, this, [this](int id) {
        if (!m_queue->transfer(id).opening)
            m_ui->transfersDock->show();
    });
    connect(m_queue, &TransferQueue::drained, m_batcher, &NotificationBatcher::flush);
    connect(m_queue, &TransferQueue::pausedChanged, m_ui->actionPauseTransfers, &QAction::setChecked);
    connect(m_queue, &TransferQueue::pausedChanged, this, &MainWindow::updateStatus);
    connect(m_queue, &TransferQueue::pausedChanged, this, [this](bool paused) {
        if (!paused)
            m_ui->messageBar->withdraw(std::exchange(m_pausedNotice, {}));
    });
    // What a closed, crashed or killed run of the app or attache-cli left for this store carries on.
    m_queue->resumeFromJournal();

    m_entities->reload();
    // Watching ten thousand folders takes a moment: it begins once the first listing is in, not before the
    // window has been shown with what the cache knew.
    connect(m_entities, &EntityTreeModel::loaded, m_sync,
            [sync = m_sync, interval = m_settings.pollIntervalMinutes() * 60 * 1000] {
                if (!sync->isStarted())
                    sync->start(interval);
            });
    m_ui->entityTree->expandAll();
    connect(m_entities, &QAbstractItemModel::rowsInserted, m_ui->entityTree,
            [this](const QModelIndex& parent) { m_ui->entityTree->expand(m_entityFilter->mapFromSource(parent)); });
    updateActions();
    updateStatus();
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(1100, 700);
    restoreState(m_settings.windowState());
    // A first start has no transfers to show: the panel comes with the first.
    if (m_settings.windowState().isEmpty()) {
        resizeDocks({ m_ui->transfersDock }, { 140 }, Qt::Vertical);
        m_ui->transfersDock->hide();
    }
    // Transfers taken up from the last run bring it as any other transfer does, however the panel was left.
    if (m_queue->count() > 0)
        m_ui->transfersDock->show();
    m_ui->actionShowTransfers->setChecked(!m_ui->transfersDock->isHidden());
    if (!m_ui->splitter->restoreState(m_settings.splitterState()))
        m_ui->splitter->setSizes({ 280, 820 });
    setViewMode(m_settings.viewMode() == GridMode ? GridMode : DetailsMode);
    if (const auto last = EntityRef::fromString(m_settings.lastEntity()))
        selectEntity(*last);
}

void MainWindow::saveWindowState()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(m_ui->splitter->saveState());
    m_settings.setViewMode(viewMode());
    m_settings.setLastEntity(currentEntity().id.isEmpty() ? QString() : currentEntity().toString());
    m_settings.sync();
}

void MainWindow::setViewMode(ViewMode mode)
{
    m_ui->attachmentStack->setCurrentIndex(mode);
    m_ui->actionDetailsView->setChecked(mode == DetailsMode);
    m_ui->actionGridView->setChecked(mode == GridMode);
}

MainWindow::ViewMode MainWindow::viewMode() const
{
    return m_ui->attachmentStack->currentIndex() == GridMode ? GridMode : DetailsMode;
}

QString MainWindow::titleOf(const EntityRef& entity, EntityTypes::Wording wording) const
{
    // As the tree names it: Fortnox's folder "Leverantörsfakturor" rather than its id inbox_s.
    const QModelIndex index = m_entities ? m_entities->indexOf(entity) : QModelIndex();
    return EntityTypes::entityTitle(entity.type, index.isValid() ? index.data().toString() : entity.id, wording);
}

QString MainWindow::currentEmail() const
{
    return m_ui->entityTree->currentIndex().data(EntityTreeModel::EmailRole).toString();
}

EntityRef MainWindow::currentEntity() const
{
    return m_ui->entityTree->currentIndex().data(EntityTreeModel::EntityRefRole).value<EntityRef>();
}

void MainWindow::selectEntity(const EntityRef& entity)
{
    const QModelIndex index = m_entityFilter->mapFromSource(m_entities->indexOf(entity));
    if (!index.isValid()) {
        // Not listed yet: select it when it is.
        m_pendingSelection = entity;
        return;
    }
    m_ui->entityTree->setCurrentIndex(index);
    m_ui->entityTree->scrollTo(index);
}

QList<AttachmentRef> MainWindow::selectedAttachments() const
{
    QList<AttachmentRef> refs;
    const QModelIndexList rows = m_ui->detailsView->selectionModel()->selectedRows(AttachmentModel::NameColumn);
    for (const QModelIndex& row : rows)
        refs.append(row.data(AttachmentModel::AttachmentRefRole).value<AttachmentRef>());
    return refs;
}

void MainWindow::onEntityChanged()
{
    const EntityRef entity = currentEntity();
    if (entity.id.isEmpty()) {
        m_attachments->clear();
        setWindowTitle(tr("Attaché"));
    } else {
        m_attachments->setEntity(entity);
        setWindowTitle(tr("%1 — Attaché").arg(titleOf(entity)));
    }
    updateActions();
    updateStatus();
}

void MainWindow::showAbout()
{
    // Opened, not exec'd: the window goes on (transfers, sync) while it is up.
    auto* about = new QMessageBox(
        QMessageBox::NoIcon, tr("About Attaché"),
        tr("Attaché %1\n\nAttach receipts, invoices and contracts to accounting records.\n\n"
           "Documents are kept in: %2\n\nBuilt with Qt %3.")
            .arg(QCoreApplication::applicationVersion(), m_store->displayName(), QString::fromLatin1(qVersion())),
        QMessageBox::Close, this);
    about->setObjectName(QStringLiteral("aboutBox"));
    about->setTextFormat(Qt::PlainText);
    about->setIconPixmap(windowIcon().pixmap(64, 64));
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::updateActions()
{
    const bool hasEntity = !currentEntity().id.isEmpty();
    const bool hasSelection
        = m_ui->detailsView->selectionModel() && m_ui->detailsView->selectionModel()->hasSelection();
    m_ui->actionAddFiles->setEnabled(hasEntity && m_store->supports(Store::Operation::Upload));
    m_ui->actionOpen->setEnabled(hasSelection && m_store->supports(Store::Operation::Download));
    m_ui->actionSaveAs->setEnabled(hasSelection && m_store->supports(Store::Operation::Download));
    m_ui->actionMoveTo->setEnabled(hasSelection && m_store->supports(Store::Operation::Move));
    m_ui->actionDelete->setEnabled(hasSelection && m_store->supports(Store::Operation::Delete));
    // Where the store cannot rename, the item would only ever be greyed out.
    m_ui->actionRename->setVisible(m_store->supports(Store::Operation::Rename));
    m_ui->actionRename->setEnabled(m_ui->detailsView->selectionModel()
                                   && m_ui->detailsView->selectionModel()->selectedRows().size() == 1);
    m_ui->actionNewEntity->setEnabled(m_store->supports(Store::Operation::CreateEntity));
    const bool kashflow = qobject_cast<KashflowStore*>(m_store) != nullptr;
    m_ui->actionSendPdf->setVisible(kashflow);
    m_ui->actionSendPdf->setEnabled(kashflow && hasEntity && KashflowStore::canSendPdf(currentEntity().type));
    m_ui->actionConnectKashflowDropbox->setVisible(kashflow);
    // Only the local store's records are folders on this machine.
    m_ui->actionShowInFolder->setVisible(qobject_cast<LocalStore*>(m_store) != nullptr);
    m_ui->actionShowInFolder->setEnabled(hasEntity);
    // Only Fortnox's inbox folders have addresses; elsewhere the item would only ever be greyed out.
    m_ui->actionCopyEmail->setVisible(qobject_cast<FortnoxStore*>(m_store) != nullptr);
    m_ui->actionCopyEmail->setEnabled(!currentEmail().isEmpty());
}

void MainWindow::updatePlaceholders()
{
    QString documents;
    // The record shown, which stays when the filter hides it in the tree.
    if (m_attachments->entity().id.isEmpty())
        documents = tr("Choose a record to see its documents.");
    else if (m_attachments->isLoading())
        documents = tr("Looking for documents…");
    else if (m_attachments->hasListingFailed())
        documents = tr("The documents could not be listed. Choose Refresh to try again.");
    else if (m_store->supports(Store::Operation::Upload))
        documents = tr("No documents yet. Drop files here, or choose Add Files.");
    else
        documents = tr("No documents yet.");
    m_detailsPlaceholder->setText(documents);
    m_gridPlaceholder->setText(documents);
    const QString filter = m_ui->filterEdit->text();
    m_entityPlaceholder->setText(filter.isEmpty() ? QString() : tr("No record matches “%1”.").arg(filter));
}

void MainWindow::updateStatus()
{
    QStringList parts;
    const EntityRef entity = currentEntity();
    if (!entity.id.isEmpty())
        parts.append(tr("%n document(s) on %1", nullptr, m_attachments->rowCount())
                         .arg(titleOf(entity, EntityTypes::Wording::InSentence)));
    const int pending = m_queue->pendingCount();
    const bool offline = !m_connectivity->isOnline();
    if (pending > 0) {
        if (m_queue->isPaused())
            parts.append(tr("%n transfer(s) paused", nullptr, pending));
        else if (offline)
            parts.append(tr("%n transfer(s) waiting", nullptr, pending));
        else
            parts.append(tr("%n transfer(s) in progress", nullptr, pending));
    }
    if (offline)
        parts.append(tr("Offline"));
    parts.append(m_store->displayName());
    m_statusSummary->setText(parts.join(QStringLiteral("  ·  ")));
    updatePlaceholders();

    TrayIcon::State state = TrayIcon::State::Idle;
    QString trayText = tr("Up to date");
    if (m_queue->isPaused()) {
        state = TrayIcon::State::Paused;
        trayText = tr("%n transfer(s) paused", nullptr, pending);
    } else if (offline) {
        state = TrayIcon::State::Offline;
        trayText = pending > 0 ? tr("Offline, %n transfer(s) waiting", nullptr, pending) : tr("Offline");
    } else if (pending > 0) {
        state = TrayIcon::State::Syncing;
        trayText = tr("%n transfer(s) in progress", nullptr, pending);
    } else if (m_ui->messageBar->isVisible() && m_ui->messageBar->kind() == MessageBar::Kind::Error) {
        state = TrayIcon::State::Error;
        trayText = m_ui->messageBar->text();
    }
    m_tray->setState(state);
    m_tray->setStatusText(trayText);
}

void MainWindow::uploadFiles(const QList<QUrl>& urls, const EntityRef& target)
{
    QStringList folders, missing, remote, renamed;
    int queued = 0;
    for (const QUrl& url : urls) {
        if (!url.isLocalFile()) {
            remote.append(url.toDisplayString());
            continue;
        }
        const QString path = url.toLocalFile();
        const QFileInfo info(path);
        if (info.isDir())
            folders.append(info.fileName());
        else if (!info.exists())
            missing.append(info.fileName());
        else {
            // A name the file manager allowed but no store takes ("a\b.pdf", " scan.pdf") goes in as the nearest
            // one that is taken, rather than not at all; the user is told.
            const QString name = NameRules::usable(info.fileName());
            if (!name.isEmpty() && name != info.fileName())
                renamed.append(tr("“%1” as “%2”").arg(NameRules::printable(info.fileName()), name));
            m_queue->enqueueUpload(path, target, name.isEmpty() ? info.fileName() : name);
            ++queued;
        }
    }
    // A few are named, so that the message stays short however many were dropped.
    constexpr int namedRenames = 3;
    const QString renamedNote = renamed.isEmpty()
        ? QString()
        : tr("%n document(s) will be attached under a name a document can have: %1.", nullptr,
             static_cast<int>(renamed.size()))
              .arg(renamed.mid(0, namedRenames).join(QStringLiteral(", "))
                   + (renamed.size() > namedRenames ? QStringLiteral(", …") : QString()));
    const auto withRenamedNote = [&renamedNote](const QString& message) {
        return renamedNote.isEmpty() ? message : renamedNote + QLatin1Char(' ') + message;
    };
    QStringList problems;
    if (!folders.isEmpty())
        problems.append(tr("Folders can't be attached: %1. Open the folder and drop the files inside it.")
                            .arg(quotedNames(folders)));
    if (!missing.isEmpty())
        problems.append(tr("Not found: %1.").arg(quotedNames(missing)));
    if (!remote.isEmpty())
        problems.append(tr("Only files on this computer can be attached: %1.").arg(quotedNames(remote)));
    if (!problems.isEmpty())
        showError(withRenamedNote(problems.join(QLatin1Char(' '))));
    else if (queued > 0 && !m_connectivity->isOnline())
        m_ui->messageBar->showMessage(
            withRenamedNote(tr("Offline: %n document(s) will go to %1 when the connection is back.", nullptr, queued)
                                .arg(titleOf(target, EntityTypes::Wording::InSentence))));
    else if (queued > 0 && m_queue->isPaused()) {
        m_pausedNotice = withRenamedNote(
            tr("Transfers are paused: %n document(s) will go to %1 when they are resumed.", nullptr, queued)
                .arg(titleOf(target, EntityTypes::Wording::InSentence)));
        m_ui->messageBar->showMessage(m_pausedNotice);
    } else if (!renamedNote.isEmpty()) {
        m_ui->messageBar->showMessage(renamedNote);
    }
    // Otherwise the transfers panel, which comes with them, shows them going.
    updateStatus();
}

void MainWindow::onTransferFinished(int id)
{
    const Transfer transfer = m_queue->transfer(id);
    // An opened document is no news: it shows itself, and a failure to open it is told in the window.
    if (!transfer.opening)
        m_batcher->add(transfer);
    if (transfer.state == Transfer::State::Done) {
        // This app's own doing: the listings that show it do not announce it as news.
        switch (transfer.kind) {
        case Transfer::Kind::Upload:
            m_sync->expectAdded(AttachmentRef { transfer.target, transfer.result.name });
            break;
        case Transfer::Kind::Move:
            m_sync->expectAdded(AttachmentRef { transfer.target, transfer.result.name });
            m_sync->expectRemoved(transfer.source);
            break;
        case Transfer::Kind::Delete:
            m_sync->expectRemoved(transfer.source);
            break;
        case Transfer::Kind::Download:
            break;
        }
        const QList<EntityRef> affected = transfer.affectedEntities();
        for (const EntityRef& entity : affected)
            m_dirty.insert(entity);
        m_refreshTimer.start();
        if (transfer.opening) {
            QFile::setPermissions(transfer.localPath, QFileDevice::ReadOwner);
            QDesktopServices::openUrl(QUrl::fromLocalFile(transfer.localPath));
        }
    } else if (transfer.state == Transfer::State::Failed) {
        showError(transfer.errorString);
        // A delete refused because someone changed the document: the new version is shown.
        if (transfer.kind == Transfer::Kind::Delete) {
            m_dirty.insert(transfer.source.entity);
            m_refreshTimer.start();
        }
    }
    updateStatus();
}

void MainWindow::applyNotificationSettings()
{
    for (NotificationKind kind : allNotificationKinds)
        m_batcher->setEnabled(kind, m_settings.notificationsEnabled(kind));
}

void MainWindow::onListFailed(StoreReply::Error error, const QString& message)
{
    // Offline is one state with one message, not an error per listing; a record removed elsewhere simply goes
    // from the tree when its type is listed. A store that signed out asks the user itself (signInRequired), once rather
    // than per listing.
    if (error != StoreReply::Error::Network && error != StoreReply::Error::Cancelled
        && error != StoreReply::Error::NotFound && error != StoreReply::Error::SignedOut)
        showError(message);
}

void MainWindow::onOnlineChanged(bool online)
{
    if (!online)
        m_ui->messageBar->showMessage(tr("Offline: showing the documents as last seen. Changes wait until the "
                                         "connection is back."));
    else
        m_ui->messageBar->showMessage(tr("Back online."));
    updateStatus();
}

void MainWindow::refreshDirty()
{
    QSet<EntityType> types;
    for (const EntityRef& entity : std::as_const(m_dirty))
        types.insert(entity.type);
    for (EntityType type : std::as_const(types))
        m_entities->reloadType(type);
    if (m_dirty.contains(m_attachments->entity()))
        m_attachments->refresh();
    m_dirty.clear();
}

void MainWindow::addFiles()
{
    const EntityRef target = currentEntity();
    if (target.id.isEmpty())
        return;
    auto* dialog = new QFileDialog(this, tr("Add Files to %1").arg(titleOf(target, EntityTypes::Wording::InSentence)),
                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, [this, target](const QStringList& files) {
        QList<QUrl> urls;
        for (const QString& file : files)
            urls.append(QUrl::fromLocalFile(file));
        uploadFiles(urls, target);
    });
    dialog->open();
}

void MainWindow::openSelected()
{
    const QList<AttachmentRef> selected = selectedAttachments();
    for (const AttachmentRef& ref : selected) {
        // A private read-only copy: the stored document stays as it was filed.
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
            + QStringLiteral("/open/") + QString::number(QDateTime::currentMSecsSinceEpoch(), 36) + QLatin1Char('-')
            + QString::number(m_queue->count());
        QDir().mkpath(folder);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_queue->enqueueDownload(ref, folder + QLatin1Char('/') + ref.name, TransferQueue::Download::Open);
    }
}

void MainWindow::showInFolder()
{
    const auto* local = qobject_cast<LocalStore*>(m_store);
    const EntityRef entity = currentEntity();
    if (!local || entity.id.isEmpty())
        return;
    const QString folder = local->entityPath(entity);
    if (!QFileInfo(folder).isDir() || !QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        showError(tr("Could not show the folder “%1”.").arg(QDir::toNativeSeparators(folder)));
}

bool MainWindow::refuseRenameWhileTransferring(const AttachmentRef& attachment)
{
    if (!m_queue->isActingOn(attachment))
        return false;
    showError(tr("“%1” cannot be renamed while it is being transferred. Rename it once the transfer is done.")
                  .arg(attachment.name));
    return true;
}

void MainWindow::renameAttachment(const AttachmentRef& attachment, const QString& newName)
{
    // A transfer may have come (resumed, or dropped on) while the name was being edited.
    if (refuseRenameWhileTransferring(attachment))
        return;
    StoreReply* reply = m_store->rename(attachment, newName);
    connect(reply, &StoreReply::finished, this, [this, reply, attachment, store = QPointer<Store>(m_store)] {
        reply->deleteLater();
        // Of a store the user has left since: nothing of it is shown any more.
        if (store != m_store)
            return;
        if (reply->error() != StoreReply::Error::None)
            return showError(reply->errorString());
        // This app's own doing: the listing that shows it does not announce it as news.
        m_sync->expectRemoved(attachment);
        m_sync->expectAdded(AttachmentRef { attachment.entity, reply->attachment().name });
        // Shown renamed at once, in its row, so that it stays selected; the listing then only confirms it.
        m_attachments->showRenamed(attachment, reply->attachment());
        m_sync->refreshEntity(attachment.entity);
    });
}

void MainWindow::saveSelectedAs()
{
    const QList<AttachmentRef> selected = selectedAttachments();
    if (selected.isEmpty())
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new QFileDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (selected.size() == 1) {
        dialog->setWindowTitle(tr("Save “%1” As").arg(selected.first().name));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDirectory(documents);
        dialog->selectFile(selected.first().name);
        connect(dialog, &QFileDialog::fileSelected, this, [this, ref = selected.first()](const QString& path) {
            // The dialog has asked whether to replace a file that is there now; one that comes later stays.
            m_queue->enqueueDownload(
                ref, path, QFileInfo::exists(path) ? TransferQueue::Download::Replace : TransferQueue::Download::Save);
        });
    } else {
        dialog->setWindowTitle(tr("Save %n Document(s) To", nullptr, static_cast<int>(selected.size())));
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setDirectory(documents);
        connect(dialog, &QFileDialog::fileSelected, this, [this, selected](const QString& folder) {
            // Never replace what is in the folder, nor what another download there will write: one document's
            // name may be the numbered name of another. Names differing in case only are kept apart too, for
            // folders that do not tell them apart.
            QSet<QString> given;
            const auto isTaken = [this, &folder, &given](const QString& name) {
                const QString path = folder + QLatin1Char('/') + name;
                return given.contains(name.toCaseFolded()) || QFileInfo::exists(path) || m_queue->isDownloadingTo(path);
            };
            for (const AttachmentRef& ref : selected) {
                QString name = ref.name;
                for (int n = 2; isTaken(name); ++n)
                    name = NameRules::numbered(ref.name, n);
                given.insert(name.toCaseFolded());
                m_queue->enqueueDownload(ref, folder + QLatin1Char('/') + name);
            }
        });
    }
    dialog->open();
}

void MainWindow::deleteSelected()
{
    const QList<AttachmentRef> selected = selectedAttachments();
    if (selected.isEmpty())
        return;
    const EntityRef entity = selected.first().entity;
    const QString where = titleOf(entity, EntityTypes::Wording::InSentence);
    // A warning: these may be documents the law says must be kept.
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete Documents"),
        selected.size() == 1
            ? tr("Delete “%1” from %2?").arg(selected.first().name, where)
            : tr("Delete %n document(s) from %1?", nullptr, static_cast<int>(selected.size())).arg(where),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    // The names are the documents', never markup.
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(m_store->deletionNote());
    QPushButton* deleteButton = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    // The versions on screen now are the ones to delete; one changed by someone else meanwhile is kept.
    QHash<QString, QString> hashes;
    for (const AttachmentRef& ref : selected)
        hashes.insert(ref.name, m_attachments->attachmentAt(m_attachments->rowOf(ref.name)).contentHash);
    connect(box, &QMessageBox::buttonClicked, this, [this, selected, hashes, deleteButton](QAbstractButton* button) {
        if (button != static_cast<QAbstractButton*>(deleteButton))
            return;
        for (const AttachmentRef& ref : selected)
            m_queue->enqueueDelete(ref, hashes.value(ref.name));
    });
    box->open();
}

void MainWindow::moveSelected()
{
    const QList<AttachmentRef> selected = selectedAttachments();
    if (selected.isEmpty())
        return;
    auto* dialog = new MoveToDialog(m_entities, static_cast<int>(selected.size()), selected.first().entity, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, selected] { moveAttachments(selected, dialog->target()); });
    dialog->open();
}

void MainWindow::moveAttachments(const QList<AttachmentRef>& attachments, const EntityRef& target)
{
    if (target.id.isEmpty())
        return;
    for (const AttachmentRef& ref : attachments) {
        if (ref.entity != target)
            m_queue->enqueueMove(ref, target);
    }
}

void MainWindow::newEntity()
{
    const QModelIndex current = m_ui->entityTree->currentIndex();
    const EntityType type
        = current.isValid() ? current.data(EntityTreeModel::EntityTypeRole).value<EntityType>() : EntityType::Invoices;
    auto* dialog = new NewEntityDialog(
        type, [this](const EntityRef& entity) { return m_entities->indexOf(entity).isValid(); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const EntityRef entity = dialog->entity();
        StoreReply* reply = m_store->createEntity(entity);
        connect(reply, &StoreReply::finished, this, [this, reply, entity] {
            reply->deleteLater();
            if (reply->error() != StoreReply::Error::None)
                return showError(reply->errorString());
            m_pendingSelection = entity;
            m_entities->reloadType(entity.type);
        });
    });
    dialog->open();
}

void MainWindow::showSettings()
{
    auto* dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString oldUri = m_settings.storeUri();
        dialog->apply(m_settings);
        applyNotificationSettings();
        m_queue->setMaxConcurrent(m_settings.maxConcurrentTransfers());
        m_sync->setPollInterval(m_settings.pollIntervalMinutes() * 60 * 1000);
        if (auto* kashflow = qobject_cast<KashflowStore*>(m_store))
            kashflow->setFormat(m_settings.kashflowFormat());
        if (auto* fortnox = qobject_cast<FortnoxStore*>(m_store))
            fortnox->setFormat(m_settings.fortnoxFormat());
        const QString newUri = m_settings.storeUri();
        if (newUri == oldUri)
            return;
        m_settings.setStoreUri(oldUri);
        switchStore(newUri);
    });
    dialog->open();
}

AccountsDialog* MainWindow::accountsDialog() const
{
    return m_accounts;
}

void MainWindow::showAccounts()
{
    if (m_accounts) {
        m_accounts->raise();
        m_accounts->activateWindow();
        return;
    }
    m_accounts = new AccountsDialog(m_settings, this);
    m_accounts->setAttribute(Qt::WA_DeleteOnClose);
    const auto* kashflow = qobject_cast<KashflowStore*>(m_store);
    m_accounts->setCurrentStore(m_store->uri(), kashflow ? kashflow->userName() : QString());
    connect(m_accounts, &AccountsDialog::storeChosen, this, [this](const QString& uri) {
        if (switchStore(uri))
            m_accounts->close();
    });
    for (const auto signal : { &AccountsDialog::kashflowSignInRequested, &AccountsDialog::kashflowDropboxRequested })
        connect(m_accounts, signal, m_accounts, &QDialog::close);
    connect(m_accounts, &AccountsDialog::kashflowSignInRequested, this, [this] { signInToKashflow(); });
    connect(m_accounts, &AccountsDialog::kashflowDropboxRequested, this, &MainWindow::connectKashflowToDropbox);
    connect(m_accounts, &AccountsDialog::fortnoxConnected, this, [this] {
        if (qobject_cast<FortnoxStore*>(m_store))
            reopenStoreWhenIdle();
    });
    connect(m_accounts, &AccountsDialog::dropboxConnected, this, [this] {
        if (qobject_cast<DropboxStore*>(m_store))
            reopenStoreWhenIdle();
    });
    connect(m_accounts, &AccountsDialog::fortnoxDisconnected, this, [this] {
        // The store would go on with the tokens it holds in memory: back to this computer's folder.
        if (m_store->uri().startsWith(QLatin1String("fortnox:")))
            switchStore(QStringLiteral("local:") + m_settings.localRootPath());
    });
    connect(m_accounts, &AccountsDialog::dropboxDisconnected, this, [this] {
        // Without an account the Dropbox store cannot work: back to this computer's folder.
        if (m_store->uri().startsWith(QLatin1String("dropbox:")) && m_queue->pendingCount() == 0) {
            m_settings.setStoreUri(QStringLiteral("local:") + m_settings.localRootPath());
            openStore(m_settings.storeUri());
        }
    });
    m_accounts->open();
}

void MainWindow::reopenStoreWhenIdle()
{
    // A new sign-in may be to another account: the store in use starts again with it, as after a restart, so that
    // nothing queued for the account before runs on this one unasked (TransferJournal::takeOver). Transfers under
    // way finish first, with the account they were started for.
    if (m_queue->pendingCount() == 0) {
        openStore(m_settings.storeUri());
        return;
    }
    m_ui->messageBar->showMessage(tr("The new connection is used once the running transfers have finished."));
    auto waiting = std::make_shared<QMetaObject::Connection>();
    *waiting = connect(m_queue, &TransferQueue::transferFinished, this, [this, waiting] {
        if (m_queue->pendingCount() > 0)
            return;
        disconnect(*waiting);
        // Not while the queue is telling of its transfer: it goes on after this, and would be gone.
        QMetaObject::invokeMethod(this, &MainWindow::reopenStoreWhenIdle, Qt::QueuedConnection);
    });
}

KashflowSignInDialog* MainWindow::kashflowSignInDialog() const
{
    return m_kashflowSignIn;
}

void MainWindow::signInToKashflow(const QString& reason)
{
    if (m_kashflowSignIn) {
        m_kashflowSignIn->raise();
        m_kashflowSignIn->activateWindow();
        return;
    }
    // Said before the user types anything, rather than after: moving to KashFlow waits for the transfers.
    if (!qobject_cast<KashflowStore*>(m_store) && m_queue->pendingCount() > 0)
        return showError(pendingTransfersMessage());
    const QUrl baseUrl(m_settings.kashflowBaseUrl());
    if (const QString problem = KashflowStore::baseUrlProblem(baseUrl); !problem.isEmpty())
        return showError(problem);
    m_kashflowSignIn = new KashflowSignInDialog(baseUrl, m_settings.kashflowUserName(), reason, this);
    m_kashflowSignIn->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_kashflowSignIn, &KashflowSignInDialog::signedIn, this,
            [this](const QString& token, const KashflowSession::Credentials& remembered, const QString& problem) {
                const QString userName = m_kashflowSignIn->userName();
                // Not to be remembered: what an earlier sign-in of this user kept goes too.
                if (remembered.userName.isEmpty())
                    KashflowStore::forgetCredentials(userName, this, [](const SecretStore::Result&) {});
                if (!problem.isEmpty())
                    showError(tr("Signed in to KashFlow, but your sign-in could not be remembered: %1").arg(problem));
                const QString uri = KashflowStore::uriFor(userName);
                if (auto* kashflow = qobject_cast<KashflowStore*>(m_store); kashflow && kashflow->uri() == uri) {
                    kashflow->setSession(token, remembered);
                    refresh();
                    return;
                }
                // Another user's records are another store, with their own cache and transfers.
                m_kashflowHandover = KashflowHandover { token, remembered };
                if (switchStore(uri))
                    m_settings.setKashflowUserName(userName);
                m_kashflowHandover.reset();
            });
    m_kashflowSignIn->open();
}

QString MainWindow::pendingTransfersMessage()
{
    return tr("Documents can be kept in another place once the running transfers have finished: choose it again "
              "then.");
}

bool MainWindow::switchStore(const QString& uri)
{
    // The queue belongs to the store it was started with; its transfers finish there.
    if (m_queue->pendingCount() > 0) {
        showError(pendingTransfersMessage());
        return false;
    }
    m_settings.setStoreUri(uri);
    openStore(uri);
    return true;
}

KashflowDropboxConnection* MainWindow::kashflowDropboxConnection() const
{
    return m_kashflowDropbox;
}

SignInBrowserDialog* MainWindow::kashflowDropboxBrowser() const
{
    return m_kashflowBrowser;
}

void MainWindow::connectKashflowToDropbox()
{
    auto* kashflow = qobject_cast<KashflowStore*>(m_store);
    if (!kashflow || m_kashflowDropbox)
        return;
    m_kashflowDropbox = new KashflowDropboxConnection(kashflow, this);
    auto* connection = m_kashflowDropbox.data();
    const auto end = [this, connection](bool succeeded) {
        connection->deleteLater();
        if (m_kashflowBrowser)
            m_kashflowBrowser->done(succeeded ? QDialog::Accepted : QDialog::Rejected);
    };
    connect(connection, &KashflowDropboxConnection::linkReady, this, [this, connection](const QUrl& link) {
        if (m_kashflowBrowser) {
            m_kashflowBrowser->load(link);
            return;
        }
        m_kashflowBrowser
            = new SignInBrowserDialog(link, KashflowDropboxConnection::redirectUri(), connection->browserHosts(), this);
        m_kashflowBrowser->setWindowTitle(tr("Connect KashFlow to Dropbox"));
        m_kashflowBrowser->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_kashflowBrowser, &SignInBrowserDialog::redirected, connection,
                &KashflowDropboxConnection::handleRedirect);
        connect(m_kashflowBrowser, &SignInBrowserDialog::pageLoaded, connection,
                &KashflowDropboxConnection::handlePageLoaded);
        connect(m_kashflowBrowser, &SignInBrowserDialog::pageFailed, connection,
                &KashflowDropboxConnection::handlePageFailure);
        connect(m_kashflowBrowser, &QDialog::rejected, connection, &QObject::deleteLater);
        m_kashflowBrowser->open();
    });
    connect(connection, &KashflowDropboxConnection::connected, this, [this, end] {
        end(true);
        m_ui->messageBar->showMessage(tr("KashFlow is connected to your Dropbox: it keeps its records' documents "
                                         "there."));
        refresh();
    });
    connect(connection, &KashflowDropboxConnection::failed, this, [this, end](const QString& message) {
        end(false);
        // Without a message the store is already asking the user to sign in.
        if (!message.isEmpty())
            showError(tr("Could not connect KashFlow to Dropbox: %1").arg(message));
    });
    connection->start();
}

void MainWindow::sendPdf()
{
    auto* kashflow = qobject_cast<KashflowStore*>(m_store);
    const EntityRef entity = currentEntity();
    if (!kashflow || entity.id.isEmpty())
        return;
    const QString title = titleOf(entity, EntityTypes::Wording::InSentence);
    m_ui->messageBar->showMessage(tr("Asking KashFlow for the PDF of %1…").arg(title));
    StoreReply* reply = kashflow->sendPdfToDropbox(entity);
    connect(reply, &StoreReply::finished, this, [this, reply, entity, title] {
        reply->deleteLater();
        if (reply->error() != StoreReply::Error::None)
            return showError(tr("The PDF of %1 was not sent: %2").arg(title, reply->errorString()));
        // The app's own doing: listed again, but not announced as someone else's change.
        m_sync->expectAdded(AttachmentRef { entity, reply->attachment().name });
        m_sync->refreshEntity(entity);
        m_ui->messageBar->showMessage(
            tr("KashFlow filed the PDF of %1 with its documents as “%2”.").arg(title, reply->attachment().name));
    });
}

void MainWindow::refresh()
{
    m_entities->reload();
    m_attachments->refresh();
}

void MainWindow::showError(const QString& message)
{
    m_ui->messageBar->showMessage(message, MessageBar::Kind::Error);
    updateStatus();
}

void MainWindow::showWindow()
{
    show();
    setWindowState(windowState() & ~Qt::WindowMinimized);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    if (!m_quitting && m_queue->pendingCount() > 0 && m_tray->isAvailable()) {
        // Transfers carry on from the tray; the documents still arrive.
        hide();
        event->ignore();
        if (!m_trayTipShown) {
            m_trayTipShown = true;
            m_tray->notify(tr("Attaché is still transferring"),
                           tr("Transfers continue in the background. Use the tray icon to open Attaché or quit."), {},
                           false);
        }
        return;
    }
    event->accept();
}
