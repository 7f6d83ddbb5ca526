#pragma once

#include <QCache>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>

class Store;
struct AttachmentRef;

// Thumbnails of images and of the first page of PDFs, made on worker threads (QImageReader with a
// scaled size; Qt PDF), kept in a bounded memory cache and in a disk cache keyed by content hash.
class ThumbnailCache : public QObject
{
    Q_OBJECT

public:
    // Longest side of a thumbnail, in pixels.
    static constexpr int MaxSide = 256;
    // The side of the document list's icons, which gets renditions of its own, at twice that for dense screens too.
    static constexpr int ListIconSide = 24;
    // What the memory cache may hold, in KiB: a few hundred full-size thumbnails.
    static constexpr int DefaultMemoryBudgetKiB = 64 * 1024;

    // diskCachePath: a folder only this user can read; created when missing.
    explicit ThumbnailCache(const QString& diskCachePath, int memoryBudgetKiB = DefaultMemoryBudgetKiB,
                            QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // Whether thumbnail() can ever give something for this file name.
    static bool canRender(const QString& fileName);

    // The thumbnail when it is ready; otherwise a null icon, and thumbnailReady(contentHash) follows
    // once it is made from localPath. Failures are remembered and not tried again.
    QIcon thumbnail(const QString& contentHash, const QString& localPath);
    // The same for any store: from its local file where it keeps one, otherwise the store's own
    // thumbnail (Dropbox makes them), fetched only when the disk cache has none.
    QIcon thumbnail(const QString& contentHash, Store* store, const AttachmentRef& attachment);

    // What the thumbnails in memory take, in KiB; never more than the budget.
    int memoryUsedKiB() const { return static_cast<int>(m_memory.totalCost()); }

    // Renders synchronously; the worker's job, public for tests. Never call it on the GUI thread.
    static QImage render(const QString& localPath, int maxSide);
    // The picture with a thin grey line round its edge, so that a white page or scan stands out from a white list.
    static QImage framed(const QImage& image);

signals:
    void thumbnailReady(const QString& contentHash);

private:
    // Runs on the pool: the disk cache, else make() (saved to the disk cache); then delivers, or on a
    // miss with no make() calls onMiss on this thread.
    void produce(const QString& contentHash, std::function<QImage()> make, std::function<void()> onMiss = {});
    void fetchFromStore(const QString& contentHash, Store* store, const AttachmentRef& attachment);
    QString diskFile(const QString& contentHash) const;
    void deliver(const QString& contentHash, const QList<QImage>& renditions);

    QString m_diskCachePath;
    QCache<QString, QIcon> m_memory;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
    QThreadPool m_pool;
};
