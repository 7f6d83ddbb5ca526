#pragma once

#include "AttachmentRef.h"
#include "Entity.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QList>
#include <QPointer>
#include <QSet>

class SyncMonitor;

// The entity tree: the types at the top, their entities below, each with its attachment count. It shows
// the cached listing at once and merges each fresh one in place. Files and attachments dropped on an entity
// become upload or move requests.
class EntityTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role {
        EntityRefRole = Qt::UserRole + 1,
        IsEntityRole,
        EntityTypeRole,
        // The address that files documents into the record by e-mail; empty when it has none.
        EmailRole,
    };

    explicit EntityTreeModel(SyncMonitor* sync, QObject* parent = nullptr);

    // Lists every type again; rows that stay keep their place, so selections survive.
    void reload();
    void reloadType(EntityType type);
    // Whether any type shows a cached listing (rather than nothing) while the store is asked.
    bool hasCachedListing() const { return m_cached; }

    QModelIndex indexOf(const EntityRef& entity) const;
    QModelIndex indexOf(EntityType type) const;
    bool isLoading() const { return !m_pending.isEmpty(); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

signals:
    // The listings asked for have ended, answered or not.
    void loaded();
    // Local files dropped on an entity.
    void filesDropped(const QList<QUrl>& urls, const EntityRef& target);
    // Attachments dragged from the window onto another entity.
    void attachmentsDropped(const QList<AttachmentRef>& attachments, const EntityRef& target);

private:
    struct TypeNode
    {
        EntityType type;
        QList<Entity> entities;
    };

    void mergeEntities(EntityType type, const QList<Entity>& entities);
    // Removes the rows that are not in fresh and updates the counts of those that are; returns the new ones.
    QList<Entity> updateRows(const QModelIndex& parentIndex, const QList<Entity>& fresh);
    // In the order rows are shown: by title where the store gives one (Fortnox's folders, "Parent › Child" right
    // after its parent), else by key, naturally ("Invoice 9" before "Invoice 10").
    static bool shownBefore(const Entity& a, const Entity& b);
    // Sorts a type's rows again after titles changed in place, keeping persistent indexes (the selection) on them.
    void resort(const QModelIndex& parentIndex);
    void setAttachmentCount(const EntityRef& entity, int count);
    void listingEnded(EntityType type);
    EntityRef entityAt(const QModelIndex& index) const;

    QPointer<SyncMonitor> m_sync;
    QList<TypeNode> m_types;
    QSet<EntityType> m_pending;
    bool m_cached = false;
};
