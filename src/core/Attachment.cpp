#include "Attachment.h"

#include "FileKind.h"

#include <QTimeZone>

namespace {
const QString kashFlowDateFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
}

Attachment Attachment::describe(const QString& name, qint64 sizeInBytes, const QDateTime& lastModified)
{
    Attachment attachment;
    attachment.icon = FileKind::iconName(name);
    attachment.name = name;
    attachment.lastModifiedDate = lastModified.toUTC();
    attachment.sizeInBytes = sizeInBytes;
    attachment.sizeToBeDisplayed = FileKind::displaySize(sizeInBytes);
    attachment.isThumbnailAvailable = FileKind::isThumbnailFormat(name);
    return attachment;
}

QJsonObject Attachment::toKashFlowJson() const
{
    QJsonObject object {
        { QStringLiteral("Icon"), icon },
        { QStringLiteral("Name"), name },
        { QStringLiteral("SizeInBytes"), sizeInBytes },
        { QStringLiteral("SizeToBeDisplayed"), sizeToBeDisplayed },
        { QStringLiteral("LastModifiedDate"), lastModifiedDate.toUTC().toString(kashFlowDateFormat) },
        { QStringLiteral("IsThumbnailAvailable"), isThumbnailAvailable },
        { QStringLiteral("ThumbnailUri"), thumbnailUri },
        { QStringLiteral("FileUri"), fileUri },
    };
    if (!contentHash.isEmpty())
        object.insert(QStringLiteral("ContentHash"), contentHash);
    return object;
}

Attachment Attachment::fromKashFlowJson(const QJsonObject& object)
{
    Attachment attachment;
    attachment.icon = object.value(QStringLiteral("Icon")).toString();
    attachment.name = object.value(QStringLiteral("Name")).toString();
    attachment.sizeInBytes = object.value(QStringLiteral("SizeInBytes")).toInteger();
    attachment.sizeToBeDisplayed = object.value(QStringLiteral("SizeToBeDisplayed")).toString();
    QDateTime modified
        = QDateTime::fromString(object.value(QStringLiteral("LastModifiedDate")).toString(), kashFlowDateFormat);
    modified.setTimeZone(QTimeZone::utc());
    attachment.lastModifiedDate = modified;
    attachment.isThumbnailAvailable = object.value(QStringLiteral("IsThumbnailAvailable")).toBool();
    attachment.thumbnailUri = object.value(QStringLiteral("ThumbnailUri")).toString();
    attachment.fileUri = object.value(QStringLiteral("FileUri")).toString();
    attachment.contentHash = object.value(QStringLiteral("ContentHash")).toString();
    return attachment;
}

bool operator==(const Attachment& a, const Attachment& b)
{
    return a.icon == b.icon && a.name == b.name && a.lastModifiedDate == b.lastModifiedDate
        && a.sizeInBytes == b.sizeInBytes && a.sizeToBeDisplayed == b.sizeToBeDisplayed
        && a.isThumbnailAvailable == b.isThumbnailAvailable && a.fileUri == b.fileUri
        && a.thumbnailUri == b.thumbnailUri && a.contentHash == b.contentHash;
}
