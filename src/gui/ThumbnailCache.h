#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>

// Thumbnails of images and of the first page of PDFs, made on worker threads (QImageReader with a
// scaled size; Qt PDF), kept in a bounded memory cache and in a disk cache keyed by content hash.
class ThumbnailCache : public QObject
{
    Q_OBJECT

public:
    // Longest side of a thumbnail, in pixels.
    static constexpr int MaxSide = 256;

    // diskCachePath: a folder only this user can read; created when missing.
    explicit ThumbnailCache(const QString& diskCachePath, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // Whether thumbnail() can ever give something for this file name.
    static bool canRender(const QString& fileName);

    // The thumbnail when it is ready; otherwise a null pixmap, and thumbnailReady(contentHash) follows
    // once it is made from localPath. Failures are remembered and not tried again.
    QPixmap thumbnail(const QString& contentHash, const QString& localPath);

    // Renders synchronously; the worker's job, public for tests. Never call it on the GUI thread.
    static QImage render(const QString& localPath, int maxSide);

signals:
    void thumbnailReady(const QString& contentHash);

private:
    void deliver(const QString& contentHash, const QImage& image);

    QString m_diskCachePath;
    QCache<QString, QPixmap> m_memory;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
    QThreadPool m_pool;
};
