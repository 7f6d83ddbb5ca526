#pragma once

#include "Attachment.h"
#include "AttachmentRef.h"
#include "StoreReply.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

class FileIconProvider;
class SyncMonitor;
class ThumbnailCache;

// The attachments of one entity: name (with icon or thumbnail), size and modified date. It shows the
// cached listing at once and merges each fresh one in place.
// Dragging rows out gives the file manager the files and the entity tree the references;
// local files dropped on it become upload requests.
class AttachmentModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ColumnCount };
    enum Role { AttachmentRefRole = Qt::UserRole + 1, SortRole };

    AttachmentModel(SyncMonitor* sync, ThumbnailCache* thumbnails, QObject* parent = nullptr);
    ~AttachmentModel() override;

    EntityRef entity() const { return m_entity; }
    // Shows another entity's attachments (clearing first), or refreshes in place when it is the same.
    void setEntity(const EntityRef& entity);
    void refresh();
    void clear();
    bool isLoading() const { return m_loading; }
    // The last listing of the entity failed: an empty model then says nothing about the record.
    bool hasListingFailed() const { return m_listingFailed; }
    // Whether names can be edited in place: where the store renames.
    void setRenamable(bool renamable) { m_renamable = renamable; }

    Attachment attachmentAt(int row) const { return m_attachments.value(row); }
    AttachmentRef refAt(int row) const { return AttachmentRef { m_entity, m_attachments.value(row).name }; }
    int rowOf(const QString& name) const;
    // What the row's thumbnail is cached under: its content hash, or, where the store gives none (KashFlow), its
    // place, size and modification time, which change whenever its content does.
    QString thumbnailKey(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // An edited name is asked for (renameRequested), not taken: the row keeps its name until the store has
    // renamed the document and a listing shows it.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    // The store has renamed `old` to `renamed`: its row takes the new name and keeps its place and selection.
    void showRenamed(const AttachmentRef& old, const Attachment& renamed);

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

signals:
    // The listing asked for has ended, answered or not.
    void loaded();
    void filesDropped(const QList<QUrl>& urls, const EntityRef& target);
    void renameRequested(const AttachmentRef& attachment, const QString& newName);

private:
    void merge(const QList<Attachment>& fresh);
    void onThumbnailReady(const QString& contentHash);

    QPointer<SyncMonitor> m_sync;
    bool m_renamable = false;
    ThumbnailCache* m_thumbnails;
    std::unique_ptr<FileIconProvider> m_icons;
    EntityRef m_entity;
    // thumbnailKey()'s hashes of the versions shown.
    mutable QHash<QString, QString> m_versionKeys;
    QList<Attachment> m_attachments;
    bool m_loading = false;
    bool m_listingFailed = false;
};
