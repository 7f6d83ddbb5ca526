#include "EntityTreeModel.h"

#include "AttachmentMimeData.h"
#include "NaturalOrder.h"
#include "SyncMonitor.h"
#include "ToolTipText.h"

#include <QMimeData>
#include <QUrl>

namespace {
// Type rows carry this internal id; entity rows carry their type's row + 1.
constexpr quintptr typeNodeId = 0;

QIcon typeIcon(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QIcon(QStringLiteral(":/icons/type-quotes.svg"));
    case EntityType::Invoices:
        return QIcon(QStringLiteral(":/icons/type-invoices.svg"));
    case EntityType::Purchases:
    case EntityType::SupplierInvoices:
        return QIcon(QStringLiteral(":/icons/type-purchases.svg"));
    case EntityType::Customers:
        return QIcon(QStringLiteral(":/icons/type-customers.svg"));
    case EntityType::BankAccounts:
        return QIcon(QStringLiteral(":/icons/type-bankaccounts.svg"));
    case EntityType::Inbox:
        return QIcon(QStringLiteral(":/icons/type-inbox.svg"));
    case EntityType::Vouchers:
        return QIcon(QStringLiteral(":/icons/type-vouchers.svg"));
    case EntityType::Archive:
        return QIcon(QStringLiteral(":/icons/type-archive.svg"));
    }
    Q_UNREACHABLE();
}
} // namespace

EntityTreeModel::EntityTreeModel(SyncMonitor* sync, QObject* parent)
    : QAbstractItemModel(parent)
    , m_sync(sync)
{
    const QList<EntityType> types = sync->store()->entityTypes();
    for (EntityType type : types)
        m_types.append(TypeNode { type, {} });
    connect(sync, &SyncMonitor::entitiesListed, this, [this](EntityType type, const QList<Entity>& entities) {
        mergeEntities(type, entities);
        listingEnded(type);
    });
    connect(sync, &SyncMonitor::entitiesListFailed, this, &EntityTreeModel::listingEnded);
    connect(sync, &SyncMonitor::attachmentsListed, this,
            [this](const EntityRef& entity, const QList<Attachment>& attachments) {
                setAttachmentCount(entity, static_cast<int>(attachments.size()));
            });
}

void EntityTreeModel::reload()
{
    for (const TypeNode& node : std::as_const(m_types))
        reloadType(node.type);
}

void EntityTreeModel::reloadType(EntityType type)
{
    if (!m_sync)
        return;
    const QModelIndex typeIndex = indexOf(type);
    if (rowCount(typeIndex) == 0) {
        if (const std::optional<QList<Entity>> cached = m_sync->cachedEntities(type)) {
            m_cached = true;
            mergeEntities(type, *cached);
        }
    }
    m_pending.insert(type);
    m_sync->refreshType(type);
}

void EntityTreeModel::listingEnded(EntityType type)
{
    if (m_pending.remove(type) && m_pending.isEmpty())
        emit loaded();
}

void EntityTreeModel::setAttachmentCount(const EntityRef& entity, int count)
{
    const QModelIndex found = indexOf(entity);
    if (!found.isValid())
        return;
    Entity& node = m_types[found.parent().row()].entities[found.row()];
    if (node.attachmentCount == count)
        return;
    node.attachmentCount = count;
    emit dataChanged(found, found.siblingAtColumn(CountColumn));
}

bool EntityTreeModel::shownBefore(const Entity& a, const Entity& b)
{
    // Level by level, so that "Kvitton › 2024" follows "Kvitton" before its sibling "Kvitton bil" does.
    static const QString separator = QStringLiteral(" › ");
    const QStringList left = (a.title.isEmpty() ? a.ref.id : a.title).split(separator);
    const QStringList right = (b.title.isEmpty() ? b.ref.id : b.title).split(separator);
    for (qsizetype level = 0; level < std::min(left.size(), right.size()); ++level) {
        if (left.at(level) != right.at(level))
            return NaturalOrder::less(left.at(level), right.at(level));
    }
    if (left.size() != right.size())
        return left.size() < right.size();
    return NaturalOrder::less(a.ref.id, b.ref.id);
}

void EntityTreeModel::resort(const QModelIndex& parentIndex)
{
    QList<Entity>& current = m_types[parentIndex.row()].entities;
    if (std::is_sorted(current.cbegin(), current.cend(), shownBefore))
        return;
    emit layoutAboutToBeChanged({ QPersistentModelIndex(parentIndex) }, QAbstractItemModel::VerticalSortHint);
    QList<QPair<QModelIndex, EntityRef>> moving;
    for (const QModelIndex& persistent : persistentIndexList()) {
        if (persistent.parent() == parentIndex)
            moving.append({ persistent, current.at(persistent.row()).ref });
    }
    std::sort(current.begin(), current.end(), shownBefore);
    for (const auto& [from, ref] : std::as_const(moving)) {
        const QModelIndex to = indexOf(ref);
        changePersistentIndex(from, to.siblingAtColumn(from.column()));
    }
    emit layoutChanged({ QPersistentModelIndex(parentIndex) }, QAbstractItemModel::VerticalSortHint);
}

QList<Entity> EntityTreeModel::updateRows(const QModelIndex& parentIndex, const QList<Entity>& fresh)
{
    QList<Entity>& current = m_types[parentIndex.row()].entities;
    QHash<QString, const Entity*> freshById;
    freshById.reserve(fresh.size());
    for (const Entity& entity : fresh)
        freshById.insert(entity.ref.id, &entity);

    for (int row = static_cast<int>(current.size()) - 1; row >= 0; --row) {
        const Entity* found = freshById.value(current.at(row).ref.id);
        if (!found) {
            beginRemoveRows(parentIndex, row, row);
            current.removeAt(row);
            endRemoveRows();
        } else if (current.at(row).attachmentCount != found->attachmentCount || current.at(row).title != found->title
                   || current.at(row).email != found->email) {
            current[row] = *found;
            emit dataChanged(index(row, 0, parentIndex), index(row, CountColumn, parentIndex));
        }
    }

    QSet<QString> known;
    known.reserve(current.size());
    for (const Entity& entity : std::as_const(current))
        known.insert(entity.ref.id);
    QList<Entity> added;
    for (const Entity& entity : fresh) {
        if (!known.contains(entity.ref.id))
            added.append(entity);
    }
    return added;
}

void EntityTreeModel::mergeEntities(EntityType type, const QList<Entity>& fresh)
{
    // Updates in place: rows that vanished go, new rows are inserted where the natural order puts
    // them, counts change without disturbing the selection. The entities stay sorted, so that ten thousand
    // of them merge in one pass rather than one search each.
    const QModelIndex parentIndex = indexOf(type);
    QList<Entity>& current = m_types[parentIndex.row()].entities;
    // A first listing (from the cache, typically) only adds.
    const QList<Entity> added = current.isEmpty() ? fresh : updateRows(parentIndex, fresh);
    if (current.isEmpty() && !added.isEmpty()) {
        beginInsertRows(parentIndex, 0, static_cast<int>(added.size()) - 1);
        current = added;
        // Listings and the cache give them in order mostly; checking is cheaper than sorting.
        if (!std::is_sorted(current.cbegin(), current.cend(), shownBefore))
            std::sort(current.begin(), current.end(), shownBefore);
        endInsertRows();
    } else {
        // Titles changed in place may have moved rows.
        resort(parentIndex);
        for (const Entity& entity : added) {
            const int row = static_cast<int>(std::upper_bound(current.cbegin(), current.cend(), entity, shownBefore)
                                             - current.cbegin());
            beginInsertRows(parentIndex, row, row);
            current.insert(row, entity);
            endInsertRows();
        }
    }
    emit dataChanged(parentIndex, parentIndex.siblingAtColumn(CountColumn));
}

QModelIndex EntityTreeModel::indexOf(const EntityRef& entity) const
{
    for (int typeRow = 0; typeRow < m_types.size(); ++typeRow) {
        if (m_types.at(typeRow).type != entity.type)
            continue;
        const QList<Entity>& entities = m_types.at(typeRow).entities;
        for (int row = 0; row < entities.size(); ++row) {
            if (entities.at(row).ref == entity)
                return index(row, 0, index(typeRow, 0));
        }
    }
    return {};
}

QModelIndex EntityTreeModel::indexOf(EntityType type) const
{
    for (int row = 0; row < m_types.size(); ++row) {
        if (m_types.at(row).type == type)
            return index(row, 0);
    }
    return {};
}

QModelIndex EntityTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, typeNodeId);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex EntityTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == typeNodeId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, typeNodeId);
}

int EntityTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_types.size());
    if (parent.column() != 0 || parent.internalId() != typeNodeId)
        return 0;
    return static_cast<int>(m_types.at(parent.row()).entities.size());
}

int EntityTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

EntityRef EntityTreeModel::entityAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == typeNodeId)
        return {};
    return m_types.at(static_cast<int>(index.internalId() - 1)).entities.at(index.row()).ref;
}

QVariant EntityTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == typeNodeId) {
        const TypeNode& node = m_types.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return EntityTypes::displayName(node.type);
            break;
        case Qt::DecorationRole:
            return index.column() == NameColumn ? QVariant(typeIcon(node.type)) : QVariant();
        case Qt::ToolTipRole:
            return tr("%n record(s)", nullptr, static_cast<int>(node.entities.size()));
        case Qt::TextAlignmentRole:
            return index.column() == CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        case IsEntityRole:
            return false;
        case EntityTypeRole:
            return QVariant::fromValue(node.type);
        }
        return {};
    }
    const Entity& entity = m_types.at(static_cast<int>(index.internalId() - 1)).entities.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return entity.title.isEmpty() ? entity.ref.id : entity.title;
        if (index.column() == CountColumn && entity.attachmentCount >= 0)
            return entity.attachmentCount;
        break;
    case Qt::ToolTipRole: {
        QString tip = EntityTypes::entityTitle(entity.ref.type, entity.title.isEmpty() ? entity.ref.id : entity.title)
            + QLatin1Char('\n') + tr("%n document(s)", nullptr, entity.attachmentCount);
        if (!entity.email.isEmpty())
            tip += QLatin1Char('\n') + tr("E-mail documents to %1").arg(entity.email);
        return ToolTipText::fromPlainText(tip);
    }
    case EmailRole:
        return entity.email;
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(QIcon(QStringLiteral(":/icons/folder.svg"))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case EntityRefRole:
        return QVariant::fromValue(entity.ref);
    case IsEntityRole:
        return true;
    case EntityTypeRole:
        return QVariant::fromValue(entity.ref.type);
    }
    return {};
}

QVariant EntityTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Record") : tr("Documents");
}

Qt::ItemFlags EntityTreeModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.isValid() && index.internalId() != typeNodeId)
        flags |= Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren;
    return flags;
}

QStringList EntityTreeModel::mimeTypes() const
{
    return { AttachmentMimeData::format(), QStringLiteral("text/uri-list") };
}

Qt::DropActions EntityTreeModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

bool EntityTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int row, int,
                                      const QModelIndex& parent) const
{
    // Only onto an entity itself, never between rows.
    if (row != -1 || entityAt(parent).id.isEmpty())
        return false;
    return AttachmentMimeData::hasAttachments(data) || data->hasUrls();
}

bool EntityTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                   const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const EntityRef target = entityAt(parent);
    if (AttachmentMimeData::hasAttachments(data)) {
        QList<AttachmentRef> attachments = AttachmentMimeData::attachments(data);
        attachments.removeIf([&](const AttachmentRef& ref) { return ref.entity == target; });
        if (!attachments.isEmpty())
            emit attachmentsDropped(attachments, target);
        return true;
    }
    emit filesDropped(data->urls(), target);
    return true;
}
