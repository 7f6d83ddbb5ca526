#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Real thumbnails, as get_thumbnail:2 and get_thumbnail_batch make them: scaled with QImage, then encoded.
namespace DropboxEmulatorThumbnails {

// Dropbox thumbnails only files whose extension is jpg, jpeg, png, tiff, tif, gif, webp, ppm or bmp.
bool hasSupportedExtension(const QString& name);
// The public ThumbnailSize tags, "w32h32" to "w2048h1536".
QStringList sizeTags();
QByteArray mimeType(const QString& format);

struct Thumbnail
{
    QByteArray data;
    QString errorTag; // a ThumbnailError tag when there is no thumbnail
};

// `format` is jpeg, png or webp; `mode` strict, bestfit, fitone_bestfit or original.
Thumbnail make(const QString& filePath, qint64 fileSize, const QString& format, const QString& sizeTag,
               const QString& mode);

} // namespace DropboxEmulatorThumbnails
