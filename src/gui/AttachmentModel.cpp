#include "AttachmentModel.h"

#include "AttachmentMimeData.h"
#include "FileIconProvider.h"
#include "FileKind.h"
#include "Store.h"
#include "SyncMonitor.h"
#include "ThumbnailCache.h"
#include "ToolTipText.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QMimeData>
#include <QUrl>

namespace {
// The locale's short date and time with the whole year ("11/22/2026", not "11/22/26"): documents are kept for years,
// and which year matters.
QString shortDateTime(const QDateTime& time)
{
    const QLocale locale;
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return locale.toString(time, format);
}
} // namespace

AttachmentModel::AttachmentModel(SyncMonitor* sync, ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractTableModel(parent)
    , m_sync(sync)
    , m_thumbnails(thumbnails)
    , m_icons(std::make_unique<FileIconProvider>())
{
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, &AttachmentModel::onThumbnailReady);
    connect(sync, &SyncMonitor::attachmentsListed, this,
            [this](const EntityRef& entity, const QList<Attachment>& attachments) {
                if (entity != m_entity)
                    return;
                m_listingFailed = false;
                merge(attachments);
                if (std::exchange(m_loading, false))
                    emit loaded();
            });
    connect(sync, &SyncMonitor::attachmentsListFailed, this, [this](const EntityRef& entity) {
        if (entity != m_entity)
            return;
        m_listingFailed = true;
        // Told even when no listing was awaited (a refresh after a change elsewhere), since the state changed.
        m_loading = false;
        emit loaded();
    });
}

AttachmentModel::~AttachmentModel() = default;

void AttachmentModel::setEntity(const EntityRef& entity)
{
    if (entity != m_entity) {
        clear();
        m_entity = entity;
        m_versionKeys.clear();
        if (m_sync) {
            if (const std::optional<QList<Attachment>> cached = m_sync->cachedAttachments(entity))
                merge(*cached);
        }
    }
    refresh();
}

void AttachmentModel::clear()
{
    m_loading = false;
    m_listingFailed = false;
    beginResetModel();
    m_entity = {};
    m_attachments.clear();
    endResetModel();
}

void AttachmentModel::refresh()
{
    if (!m_sync || m_entity.id.isEmpty())
        return;
    m_loading = true;
    m_sync->refreshEntity(m_entity);
}

void AttachmentModel::merge(const QList<Attachment>& fresh)
{
    // In place, so that a refresh keeps the selection and the scroll position.
    for (int row = static_cast<int>(m_attachments.size()) - 1; row >= 0; --row) {
        const QString name = m_attachments.at(row).name;
        if (std::none_of(fresh.cbegin(), fresh.cend(), [&](const Attachment& a) { return a.name == name; })) {
            beginRemoveRows({}, row, row);
            m_attachments.removeAt(row);
            endRemoveRows();
        }
    }
    for (const Attachment& attachment : fresh) {
        const int row = rowOf(attachment.name);
        if (row >= 0) {
            if (m_attachments.at(row) != attachment) {
                m_attachments[row] = attachment;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        const int end = static_cast<int>(m_attachments.size());
        beginInsertRows({}, end, end);
        m_attachments.append(attachment);
        endInsertRows();
    }
}

int AttachmentModel::rowOf(const QString& name) const
{
    for (int row = 0; row < m_attachments.size(); ++row) {
        if (m_attachments.at(row).name == name)
            return row;
    }
    return -1;
}

QString AttachmentModel::thumbnailKey(int row) const
{
    const Attachment& attachment = m_attachments.at(row);
    if (!attachment.contentHash.isEmpty() || !m_sync)
        return attachment.contentHash;
    const QString version = QStringList { m_sync->store()->accountUri(), m_entity.toString(), attachment.name,
                                          QString::number(attachment.sizeInBytes),
                                          QString::number(attachment.lastModifiedDate.toMSecsSinceEpoch()) }
                                .join(QLatin1Char('\n'));
    // Views ask on every paint: each version is hashed once.
    QString& key = m_versionKeys[version];
    if (key.isEmpty())
        key = QStringLiteral("version-")
            + QString::fromLatin1(QCryptographicHash::hash(version.toUtf8(), QCryptographicHash::Sha256).toHex());
    return key;
}

void AttachmentModel::onThumbnailReady(const QString& contentHash)
{
    for (int row = 0; row < m_attachments.size(); ++row) {
        if (thumbnailKey(row) == contentHash)
            emit dataChanged(index(row, NameColumn), index(row, NameColumn), { Qt::DecorationRole });
    }
}

int AttachmentModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_attachments.size());
}

int AttachmentModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttachmentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Attachment& attachment = m_attachments.at(index.row());
    switch (role) {
    case Qt::EditRole:
        return index.column() == NameColumn ? QVariant(attachment.name) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return attachment.name;
        case SizeColumn:
            return FileKind::localizedSize(attachment.sizeInBytes);
        case ModifiedColumn:
            return shortDateTime(attachment.lastModifiedDate.toLocalTime());
        }
        break;
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            break;
        if (m_sync && ThumbnailCache::canRender(attachment.name)) {
            const QIcon thumbnail = m_thumbnails->thumbnail(thumbnailKey(index.row()), m_sync->store(),
                                                            AttachmentRef { m_entity, attachment.name });
            if (!thumbnail.isNull())
                return thumbnail;
        }
        return m_icons->icon(attachment.name);
    case Qt::ToolTipRole:
        return ToolTipText::fromPlainText(
            QStringLiteral("%1\n%2 · %3")
                .arg(attachment.name, FileKind::localizedSize(attachment.sizeInBytes),
                     QLocale().toString(attachment.lastModifiedDate.toLocalTime(), QLocale::LongFormat)));
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case AttachmentRefRole:
        return QVariant::fromValue(AttachmentRef { m_entity, attachment.name });
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return attachment.name.toLower();
        case SizeColumn:
            return attachment.sizeInBytes;
        case ModifiedColumn:
            return attachment.lastModifiedDate;
        }
        break;
    }
    return {};
}

QVariant AttachmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    }
    return {};
}

Qt::ItemFlags AttachmentModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_entity.id.isEmpty() ? Qt::NoItemFlags : Qt::ItemIsDropEnabled;
    const Qt::ItemFlags editable = m_renamable && index.column() == NameColumn ? Qt::ItemIsEditable : Qt::NoItemFlags;
    return QAbstractTableModel::flags(index) | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren
        | editable;
}

bool AttachmentModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != NameColumn)
        return false;
    const QString name = value.toString().trimmed();
    if (!name.isEmpty() && name != m_attachments.at(index.row()).name)
        emit renameRequested(refAt(index.row()), name);
    return false;
}

void AttachmentModel::showRenamed(const AttachmentRef& old, const Attachment& renamed)
{
    const int row = old.entity == m_entity ? rowOf(old.name) : -1;
    // A listing that came first already shows it.
    if (row < 0 || rowOf(renamed.name) >= 0)
        return;
    m_attachments[row] = renamed;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QStringList AttachmentModel::mimeTypes() const
{
    return { AttachmentMimeData::format(), QStringLiteral("text/uri-list") };
}

QMimeData* AttachmentModel::mimeData(const QModelIndexList& indexes) const
{
    QList<AttachmentRef> refs;
    QStringList paths;
    for (const QModelIndex& index : indexes) {
        if (index.column() != NameColumn)
            continue;
        const AttachmentRef ref = refAt(index.row());
        refs.append(ref);
        const QString path = m_sync && m_sync->store() ? m_sync->store()->localFilePath(ref) : QString();
        if (!path.isEmpty())
            paths.append(path);
    }
    return AttachmentMimeData::create(refs, paths);
}

Qt::DropActions AttachmentModel::supportedDragActions() const
{
    // Copy only: a file manager receiving a move would delete the document from the store.
    return Qt::CopyAction;
}

Qt::DropActions AttachmentModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

bool AttachmentModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int, const QModelIndex&) const
{
    // Attachments dragged from this window carry file URLs too; dropping them back would copy them onto themselves.
    return !m_entity.id.isEmpty() && data->hasUrls() && !AttachmentMimeData::hasAttachments(data);
}

bool AttachmentModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                   const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit filesDropped(data->urls(), m_entity);
    return true;
}
