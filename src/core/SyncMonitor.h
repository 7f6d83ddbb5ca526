#pragma once

#include "Attachment.h"
#include "AttachmentRef.h"
#include "Entity.h"
#include "Store.h"
#include "StoreReply.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class ConnectivityMonitor;
class MetadataCache;

// Keeps the window's picture of a store current. Every listing goes through here: its result goes into
// the metadata cache, which answers at once on the next start and while offline, and out to the views,
// which merge it in place. Changes made elsewhere are found by the store's own watching where it has it
// (Dropbox's longpoll, the file system's notifications) and by polling otherwise; each entity whose
// documents changed that way is announced with counts, leaving out what this app did itself.
class SyncMonitor : public QObject
{
    Q_OBJECT

public:
    // cache and connectivity may be null: nothing is cached, and failures are not taken for offline.
    SyncMonitor(Store* store, MetadataCache* cache, ConnectivityMonitor* connectivity, QObject* parent = nullptr);
    ~SyncMonitor() override;

    Store* store() const { return m_store; }

    // What the cache knows; nothing when it never saw the listing.
    std::optional<QList<Entity>> cachedEntities(EntityType type) const;
    std::optional<QList<Attachment>> cachedAttachments(const EntityRef& entity) const;

    // Lists again; the answer comes as entitiesListed() or attachmentsListed(), or as a failure.
    void refreshType(EntityType type);
    void refreshEntity(const EntityRef& entity);

    // Starts looking for changes made elsewhere: the store's watching, or polling every pollIntervalMs.
    void start(int pollIntervalMs);
    void setPollInterval(int milliseconds);
    bool isStarted() const { return m_started; }
    bool isPolling() const { return m_polling; }

    // A change this app made itself (an upload's result, a document deleted or moved away): the next listing
    // that shows it does not announce it.
    void expectAdded(const AttachmentRef& attachment);
    void expectRemoved(const AttachmentRef& attachment);

signals:
    void entitiesListed(EntityType type, const QList<Entity>& entities);
    void attachmentsListed(const EntityRef& entity, const QList<Attachment>& attachments);
    void entitiesListFailed(EntityType type, StoreReply::Error error, const QString& message);
    void attachmentsListFailed(const EntityRef& entity, StoreReply::Error error, const QString& message);
    // Documents that appeared on or vanished from an entity by someone else's doing.
    void remoteChanges(const EntityRef& entity, int added, int removed);

private:
    enum class Origin { User, Sync };

    // Runs the listing of scope and gives it to done when it has finished, answered or not, unless a listing
    // of the same scope started later has been applied already: an older answer never overwrites a newer one.
    void list(const QString& scope, StoreReply* reply, std::function<void(StoreReply*)> done);
    QByteArray watchState() const;
    void listType(EntityType type);
    // previousCount: the entity's count before, for telling what changed when its documents were never listed.
    void listEntity(const EntityRef& entity, Origin origin, int previousCount = -1);
    void onChanged(const QList<EntityType>& types, const QList<EntityRef>& entities);
    // Lists what changed in the last burst of changes, each once.
    void syncPending();
    // Relists every type, as polling and coming back online do.
    void syncAll();
    void onEntitiesListed(EntityType type, const QList<Entity>& entities);
    void onAttachmentsListed(const EntityRef& entity, const QList<Attachment>& attachments, Origin origin,
                             int previousCount);
    // Forgets the expected changes on the entity among names (all of them without names), and counts them.
    int takeExpected(QSet<AttachmentRef>& expected, const EntityRef& entity, const std::optional<QSet<QString>>& names);

    QPointer<Store> m_store;
    MetadataCache* m_cache;
    ConnectivityMonitor* m_connectivity;
    const QString m_accountUri;
    QSet<StoreReply*> m_listings;
    quint64 m_sequence = 0;
    // Per scope, the sequence number of the listing last applied.
    QHash<QString, quint64> m_applied;
    // What a burst of changes touched, listed a moment after the last one.
    QSet<EntityType> m_pendingTypes;
    QSet<EntityRef> m_pendingEntities;
    QTimer m_changeTimer;
    QSet<AttachmentRef> m_expectedAdded;
    QSet<AttachmentRef> m_expectedRemoved;
    QTimer m_pollTimer;
    bool m_started = false;
    bool m_polling = false;
};
