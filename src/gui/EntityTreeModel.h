#pragma once

#include "AttachmentRef.h"
#include "Entity.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QList>
#include <QPointer>

class Store;

// The entity tree: the types at the top, their entities below, each with its attachment count.
// Files and attachments dropped on an entity become upload or move requests.
class EntityTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role { EntityRefRole = Qt::UserRole + 1, IsEntityRole, EntityTypeRole };

    explicit EntityTreeModel(Store* store, QObject* parent = nullptr);

    // Lists every type again; rows that stay keep their place, so selections survive.
    void reload();
    void reloadType(EntityType type);

    QModelIndex indexOf(const EntityRef& entity) const;
    QModelIndex indexOf(EntityType type) const;
    bool isLoading() const { return m_pending > 0; }

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
    void loaded();
    void loadFailed(const QString& message);
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

    void mergeEntities(int typeRow, const QList<Entity>& entities);
    EntityRef entityAt(const QModelIndex& index) const;

    QPointer<Store> m_store;
    QList<TypeNode> m_types;
    int m_pending = 0;
};
