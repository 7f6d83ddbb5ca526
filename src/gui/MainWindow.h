#pragma once

#include "AttachmentRef.h"
#include "KashflowSession.h"
#include "StoreReply.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Ui {
class MainWindow;
}
class AttachmentModel;
class ConnectivityMonitor;
class EntityTreeModel;
class KashflowDropboxConnection;
class KashflowSignInDialog;
class MessageBar;
class MetadataCache;
class NotificationBatcher;
class QLabel;
class QSortFilterProxyModel;
class Settings;
class Store;
class SignInBrowserDialog;
class SyncMonitor;
class AccountsDialog;
class ThumbnailCache;
class TransferJournal;
class TransferQueue;
class TrayIcon;
class ViewPlaceholder;
struct Transfer;

// The window: the entity tree on the left, the selected record's documents on the right (details
// or thumbnails), the transfers panel below. It only wires views to the core; every change to the
// store goes through the transfer queue.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum ViewMode { DetailsMode = 0, GridMode = 1 };

    explicit MainWindow(Settings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    Store* store() const { return m_store; }
    TransferQueue* transferQueue() const { return m_queue; }
    SyncMonitor* syncMonitor() const { return m_sync; }
    ConnectivityMonitor* connectivity() const { return m_connectivity; }
    EntityTreeModel* entityModel() const { return m_entities; }
    AttachmentModel* attachmentModel() const { return m_attachments; }
    TrayIcon* trayIcon() const { return m_tray; }
    MessageBar* messageBar() const;
    // The status bar's lasting summary: the record's documents, the transfers, the store.
    QLabel* statusSummary() const { return m_statusSummary; }
    NotificationBatcher* notificationBatcher() const { return m_batcher; }
    ThumbnailCache* thumbnailCache() const { return m_thumbnails; }
    // The Accounts dialog while it is open.
    AccountsDialog* accountsDialog() const;
    void showAccounts();
    // KashFlow: its sign-in dialog (reason: why the user is asked), then its documents in the window.
    void signInToKashflow(const QString& reason = {});
    KashflowSignInDialog* kashflowSignInDialog() const;
    // "Connect KashFlow to Dropbox", in the embedded browser.
    void connectKashflowToDropbox();
    KashflowDropboxConnection* kashflowDropboxConnection() const;
    SignInBrowserDialog* kashflowDropboxBrowser() const;
    // "Send PDF to Dropbox" for the current quote, invoice or purchase.
    void sendPdf();

    EntityRef currentEntity() const;
    // "Invoice 4455", or the title the store gives the record.
    QString titleOf(const EntityRef& entity, EntityTypes::Wording wording = EntityTypes::Wording::Title) const;
    // The e-mail-in address of the current record (a Fortnox inbox folder's); empty when it has none.
    QString currentEmail() const;
    void selectEntity(const EntityRef& entity);
    QList<AttachmentRef> selectedAttachments() const;
    void setViewMode(ViewMode mode);
    ViewMode viewMode() const;

    // Queues uploads of dropped or chosen files; folders and missing files are refused with a message.
    void uploadFiles(const QList<QUrl>& urls, const EntityRef& target);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Opens the store in use again, with the account signed in to now, once no transfer runs.
    void reopenStoreWhenIdle();
    void openStore(const QString& uri);
    // Keeps documents in another place from now on; refused (false, with a message) while transfers run.
    bool switchStore(const QString& uri);
    static QString pendingTransfersMessage();
    void setUpActions();
    void restoreWindowState();
    void saveWindowState();

    void onEntityChanged();
    void onTransferFinished(int id);
    void onListFailed(StoreReply::Error error, const QString& message);
    void onOnlineChanged(bool online);
    void applyNotificationSettings();
    void refreshDirty();
    void updateActions();
    void showAbout();
    void updateStatus();
    void updatePlaceholders();

    void addFiles();
    void openSelected();
    // The current record's folder in the file manager (the local store's only).
    void showInFolder();
    // Asks the store for the new name; the document shows it once the store has given it.
    void renameAttachment(const AttachmentRef& attachment, const QString& newName);
    // Whether a transfer still needs the document under its name; then says so.
    bool refuseRenameWhileTransferring(const AttachmentRef& attachment);
    void saveSelectedAs();
    void deleteSelected();
    void moveSelected();
    void moveAttachments(const QList<AttachmentRef>& attachments, const EntityRef& target);
    void newEntity();
    void showSettings();
    void refresh();
    void showError(const QString& message);
    void showWindow();

    const std::unique_ptr<Ui::MainWindow> m_ui;
    Settings& m_settings;
    const std::unique_ptr<TransferJournal> m_journal;
    const std::unique_ptr<MetadataCache> m_cache;
    ConnectivityMonitor* m_connectivity = nullptr;
    Store* m_store = nullptr;
    TransferQueue* m_queue = nullptr;
    SyncMonitor* m_sync = nullptr;
    EntityTreeModel* m_entities = nullptr;
    QSortFilterProxyModel* m_entityFilter = nullptr;
    AttachmentModel* m_attachments = nullptr;
    QSortFilterProxyModel* m_attachmentSort = nullptr;
    ThumbnailCache* m_thumbnails = nullptr;
    NotificationBatcher* m_batcher = nullptr;
    TrayIcon* m_tray = nullptr;
    QLabel* m_statusSummary = nullptr;
    // What the empty views say: no record chosen, none with documents, none that matches the filter.
    ViewPlaceholder* m_detailsPlaceholder = nullptr;
    ViewPlaceholder* m_gridPlaceholder = nullptr;
    ViewPlaceholder* m_entityPlaceholder = nullptr;
    QPointer<AccountsDialog> m_accounts;
    QPointer<KashflowSignInDialog> m_kashflowSignIn;
    QPointer<KashflowDropboxConnection> m_kashflowDropbox;
    QPointer<SignInBrowserDialog> m_kashflowBrowser;
    // A KashFlow session signed in to before its store was opened, for openStore() to hand over.
    struct KashflowHandover
    {
        QString sessionToken;
        KashflowSession::Credentials remembered;
    };
    std::optional<KashflowHandover> m_kashflowHandover;

    // The message that dropped files wait for the transfers to be resumed, withdrawn when they are.
    QString m_pausedNotice;
    // Entities whose lists changed; refreshed together, a moment after the last change.
    QSet<EntityRef> m_dirty;
    QTimer m_refreshTimer;
    EntityRef m_pendingSelection;
    bool m_trayTipShown = false;
    bool m_quitting = false;
};
