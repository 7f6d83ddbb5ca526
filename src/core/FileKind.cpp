#include "FileKind.h"

#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QStringList>

namespace FileKind {

namespace {

bool mimeIsAny(const QMimeType& mime, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        if (mime.inherits(QLatin1String(name)))
            return true;
    }
    return false;
}

} // namespace

namespace {
QMimeType mimeTypeOf(const QString& fileName)
{
    static const QMimeDatabase database;
    return database.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
}
} // namespace

QString mimeTypeName(const QString& fileName)
{
    return mimeTypeOf(fileName).name();
}

QString iconName(const QString& fileName)
{
    const QMimeType mime = mimeTypeOf(fileName);
    const QString name = mime.name();
    if (name.startsWith(QLatin1String("image/")))
        return QStringLiteral("page_white_picture");
    if (mimeIsAny(mime, { "application/pdf" }))
        return QStringLiteral("page_white_acrobat");
    if (mimeIsAny(mime,
                  { "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.oasis.opendocument.text", "application/rtf", "text/rtf" }))
        return QStringLiteral("page_white_word");
    // Spreadsheets before text: CSV is also text/plain.
    if (mimeIsAny(mime,
                  { "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.oasis.opendocument.spreadsheet", "text/csv" }))
        return QStringLiteral("page_white_excel");
    if (mimeIsAny(mime,
                  { "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "application/vnd.oasis.opendocument.presentation" }))
        return QStringLiteral("page_white_powerpoint");
    if (mimeIsAny(mime,
                  { "application/zip", "application/x-7z-compressed", "application/vnd.rar", "application/x-rar",
                    "application/x-tar", "application/gzip", "application/x-bzip2", "application/x-xz",
                    "application/x-compressed-tar" }))
        return QStringLiteral("page_white_compressed");
    if (name.startsWith(QLatin1String("video/")))
        return QStringLiteral("page_white_film");
    if (name.startsWith(QLatin1String("audio/")))
        return QStringLiteral("page_white_sound");
    if (mimeIsAny(mime, { "text/plain" }))
        return QStringLiteral("page_white_text");
    return QStringLiteral("page_white");
}

QString displaySize(qint64 bytes)
{
    // Dropbox v1's convention, which KashFlow passes through: whole bytes, then one decimal.
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    static const char* const units[] = { "KB", "MB", "GB", "TB", "PB" };
    double value = static_cast<double>(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    // Truncate rather than round, so that 164391 bytes (160.538 KB) is "160.5 KB" and never "1024.0 KB".
    const double truncated = static_cast<double>(static_cast<qint64>(value * 10.0)) / 10.0;
    return QString::number(truncated, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString localizedSize(qint64 bytes)
{
    // Powers of 1024 with one decimal, as displaySize, but rounded. A size the store does not know shows as nothing.
    return bytes < 0 ? QString() : QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool isThumbnailFormat(const QString& fileName)
{
    static const QStringList formats
        = { QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("tiff"),
            QStringLiteral("tif"), QStringLiteral("gif"),  QStringLiteral("bmp") };
    return formats.contains(QFileInfo(fileName).suffix().toLower());
}

bool isPdf(const QString& fileName)
{
    return QFileInfo(fileName).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
}

} // namespace FileKind
