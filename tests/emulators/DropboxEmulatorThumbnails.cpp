#include "DropboxEmulatorThumbnails.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

namespace DropboxEmulatorThumbnails {

namespace {

// "Photos that are larger than 20MB in size won't be converted to a thumbnail."
constexpr qint64 MaxImageBytes = 20 * 1024 * 1024;

// "w640h480" is 640 by 480.
QSize boxOf(const QString& sizeTag)
{
    const qsizetype h = sizeTag.indexOf(QLatin1Char('h'));
    return QSize(sizeTag.mid(1, h - 1).toInt(), sizeTag.mid(h + 1).toInt());
}

// Thumbnails only ever scale down.
QSize fitWithin(const QSize& image, const QSize& box)
{
    return image.width() <= box.width() && image.height() <= box.height() ? image
                                                                          : image.scaled(box, Qt::KeepAspectRatio);
}

QSize thumbnailSize(const QSize& image, const QSize& box, const QString& mode)
{
    if (mode == QLatin1String("strict"))
        return fitWithin(image, box);
    if (mode == QLatin1String("bestfit")) {
        const QSize normal = fitWithin(image, box);
        const QSize turned = fitWithin(image, box.transposed());
        return qint64(turned.width()) * turned.height() > qint64(normal.width()) * normal.height() ? turned : normal;
    }
    if (mode == QLatin1String("fitone_bestfit")) {
        // Cover the box turned the way the image is, so a portrait photo covers a portrait box.
        const bool imagePortrait = image.height() > image.width();
        const bool boxPortrait = box.height() > box.width();
        const QSize oriented = imagePortrait == boxPortrait ? box : box.transposed();
        const QSize cover = image.scaled(oriented, Qt::KeepAspectRatioByExpanding);
        return cover.width() < image.width() ? cover : image;
    }
    return image;
}

} // namespace

bool hasSupportedExtension(const QString& name)
{
    static const QStringList extensions { QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("png"),
                                          QStringLiteral("tiff"), QStringLiteral("tif"),  QStringLiteral("gif"),
                                          QStringLiteral("webp"), QStringLiteral("ppm"),  QStringLiteral("bmp") };
    return extensions.contains(QFileInfo(name).suffix().toLower());
}

QStringList sizeTags()
{
    return { QStringLiteral("w32h32"),   QStringLiteral("w64h64"),    QStringLiteral("w128h128"),
             QStringLiteral("w256h256"), QStringLiteral("w480h320"),  QStringLiteral("w640h480"),
             QStringLiteral("w960h640"), QStringLiteral("w1024h768"), QStringLiteral("w2048h1536") };
}

QByteArray mimeType(const QString& format)
{
    return QByteArrayLiteral("image/") + format.toLatin1();
}

Thumbnail make(const QString& filePath, qint64 fileSize, const QString& format, const QString& sizeTag,
               const QString& mode)
{
    if (fileSize > MaxImageBytes)
        return { {}, QStringLiteral("unsupported_image") };
    QImageReader reader(filePath);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull())
        return { {}, QStringLiteral("unsupported_image") };
    if (!QImageWriter::supportedImageFormats().contains(format.toLatin1()))
        return { {}, QStringLiteral("conversion_error") };

    const QSize size = thumbnailSize(image.size(), boxOf(sizeTag), mode);
    const QImage scaled
        = size == image.size() ? image : image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format.toLatin1());
    writer.setQuality(80);
    if (!writer.write(scaled))
        return { {}, QStringLiteral("conversion_error") };
    return { data, {} };
}

} // namespace DropboxEmulatorThumbnails
