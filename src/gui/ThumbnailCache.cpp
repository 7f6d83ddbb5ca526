#include "ThumbnailCache.h"

#include "FileKind.h"
#include "Store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>
#include <QPdfDocument>
#include <QPointer>
#include <QSaveFile>
#include <QThread>

namespace {
// A picture that would decode to more than this (in MiB) is not a receipt worth the memory.
constexpr int allocationLimitMiB = 512;
} // namespace

ThumbnailCache::ThumbnailCache(const QString& diskCachePath, int memoryBudgetKiB, QObject* parent)
    : QObject(parent)
    , m_diskCachePath(diskCachePath)
{
    m_memory.setMaxCost(memoryBudgetKiB);
    // Decoding is CPU bound; leave a core for the rest of the app.
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
    QDir().mkpath(m_diskCachePath);
    QFile::setPermissions(m_diskCachePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

bool ThumbnailCache::canRender(const QString& fileName)
{
    return FileKind::isThumbnailFormat(fileName) || FileKind::isPdf(fileName);
}

QString ThumbnailCache::diskFile(const QString& contentHash) const
{
    // The key comes from the store's server, so it is never part of a path as it is: its hash is.
    const QByteArray name = QCryptographicHash::hash(contentHash.toUtf8(), QCryptographicHash::Sha256).toHex();
    return m_diskCachePath + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral("-%1.png").arg(MaxSide);
}

QIcon ThumbnailCache::thumbnail(const QString& contentHash, const QString& localPath)
{
    if (contentHash.isEmpty())
        return {};
    if (const QIcon* cached = m_memory.object(contentHash))
        return *cached;
    if (localPath.isEmpty() || m_pending.contains(contentHash) || m_failed.contains(contentHash)
        || !canRender(localPath))
        return {};
    m_pending.insert(contentHash);
    produce(contentHash, [localPath] { return render(localPath, MaxSide); });
    return {};
}

QIcon ThumbnailCache::thumbnail(const QString& contentHash, Store* store, const AttachmentRef& attachment)
{
    const QString localPath = store->localFilePath(attachment);
    if (!localPath.isEmpty())
        return thumbnail(contentHash, localPath);
    if (contentHash.isEmpty())
        return {};
    if (const QIcon* cached = m_memory.object(contentHash))
        return *cached;
    // Stores make thumbnails of images only.
    if (m_pending.contains(contentHash) || m_failed.contains(contentHash)
        || !store->supports(Store::Operation::Thumbnail) || !FileKind::isThumbnailFormat(attachment.name))
        return {};
    m_pending.insert(contentHash);
    const QPointer<Store> guard(store);
    produce(contentHash, {}, [this, guard, contentHash, attachment] {
        if (guard)
            fetchFromStore(contentHash, guard, attachment);
        else
            deliver(contentHash, {});
    });
    return {};
}

void ThumbnailCache::fetchFromStore(const QString& contentHash, Store* store, const AttachmentRef& attachment)
{
    StoreReply* reply = store->thumbnail(attachment, QSize(MaxSide, MaxSide));
    connect(reply, &StoreReply::finished, this, [this, reply, contentHash] {
        reply->deleteLater();
        if (reply->error() != StoreReply::Error::None) {
            deliver(contentHash, {});
            return;
        }
        produce(contentHash, [data = reply->data()] {
            QImage image = QImage::fromData(data);
            return image.isNull() ? image
                                  : image.scaled(QSize(MaxSide, MaxSide).boundedTo(image.size()), Qt::KeepAspectRatio,
                                                 Qt::SmoothTransformation);
        });
    });
}

void ThumbnailCache::produce(const QString& contentHash, std::function<QImage()> make, std::function<void()> onMiss)
{
    const QPointer<ThumbnailCache> guard(this);
    m_pool.start([this, guard, contentHash, make, onMiss, diskFile = diskFile(contentHash)] {
        QImage image;
        if (QFileInfo::exists(diskFile))
            image = QImageReader(diskFile).read();
        if (image.isNull() && make) {
            image = make();
            if (!image.isNull()) {
                QSaveFile out(diskFile);
                // Unbuffered: a write cut short by a full disk fails here, instead of a cut-off file being kept.
                if (out.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && image.save(&out, "PNG"))
                    out.commit();
            }
        }
        QList<QImage> renditions;
        if (!image.isNull()) {
            renditions.append(framed(image));
            // A line drawn at full size fades away when the picture is scaled down for a list: the list's sizes get
            // their own, with the line drawn at their size. Square, so that QIcon takes them for those sizes.
            for (const int side : { ListIconSide, 2 * ListIconSide }) {
                if (side >= std::max(image.width(), image.height()))
                    continue;
                QImage square(side, side, QImage::Format_ARGB32_Premultiplied);
                square.fill(Qt::transparent);
                const QImage scaled = framed(image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation));
                QPainter(&square).drawImage((side - scaled.width()) / 2, (side - scaled.height()) / 2, scaled);
                renditions.append(square);
            }
        }
        QMetaObject::invokeMethod(
            this,
            [guard, contentHash, renditions, onMiss] {
                if (!guard)
                    return;
                if (renditions.isEmpty() && onMiss)
                    onMiss();
                else
                    guard->deliver(contentHash, renditions);
            },
            Qt::QueuedConnection);
    });
}

void ThumbnailCache::deliver(const QString& contentHash, const QList<QImage>& renditions)
{
    m_pending.remove(contentHash);
    if (renditions.isEmpty()) {
        m_failed.insert(contentHash);
        return;
    }
    auto* icon = new QIcon;
    qsizetype bytes = 0;
    for (const QImage& image : renditions) {
        icon->addPixmap(QPixmap::fromImage(image));
        bytes += image.sizeInBytes();
    }
    m_memory.insert(contentHash, icon, qMax(1, static_cast<int>(bytes / 1024)));
    emit thumbnailReady(contentHash);
}

QImage ThumbnailCache::framed(const QImage& image)
{
    QImage result = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&result);
    painter.setPen(QColor(128, 128, 128, 160));
    painter.drawRect(result.rect().adjusted(0, 0, -1, -1));
    return result;
}

QImage ThumbnailCache::render(const QString& localPath, int maxSide)
{
    if (FileKind::isPdf(localPath)) {
        // The first page is what a bookkeeper recognises an invoice by.
        QPdfDocument document;
        if (document.load(localPath) != QPdfDocument::Error::None || document.pageCount() < 1)
            return {};
        const QSizeF points = document.pagePointSize(0);
        if (points.isEmpty())
            return {};
        const QSize size = points.scaled(maxSide, maxSide, Qt::KeepAspectRatio).toSize();
        QImage page = document.render(0, size);
        if (page.isNull())
            return {};
        // PDF pages render with transparency; a page is white paper with an edge.
        QImage paper(page.size(), QImage::Format_RGB32);
        paper.fill(Qt::white);
        QPainter painter(&paper);
        painter.drawImage(0, 0, page);
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawRect(paper.rect().adjusted(0, 0, -1, -1));
        painter.end();
        return paper;
    }

    QImageReader::setAllocationLimit(allocationLimitMiB);
    QImageReader reader(localPath);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > maxSide || size.height() > maxSide))
        reader.setScaledSize(size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (!image.isNull() && (image.width() > maxSide || image.height() > maxSide))
        image = image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}
