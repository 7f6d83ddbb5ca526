#include "AttachmentMimeData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeData>
#include <QUrl>

namespace AttachmentMimeData {

QString format()
{
    return QStringLiteral("application/x-attache-attachments");
}

QMimeData* create(const QList<AttachmentRef>& attachments, const QStringList& localPaths)
{
    auto* data = new QMimeData;
    QJsonArray refs;
    for (const AttachmentRef& ref : attachments)
        refs.append(ref.toString());
    data->setData(format(), QJsonDocument(refs).toJson(QJsonDocument::Compact));
    QList<QUrl> urls;
    for (const QString& path : localPaths)
        urls.append(QUrl::fromLocalFile(path));
    data->setUrls(urls);
    return data;
}

bool hasAttachments(const QMimeData* data)
{
    return data && data->hasFormat(format());
}

QList<AttachmentRef> attachments(const QMimeData* data)
{
    QList<AttachmentRef> result;
    if (!hasAttachments(data))
        return result;
    const QJsonArray refs = QJsonDocument::fromJson(data->data(format())).array();
    for (const QJsonValue& value : refs) {
        if (const auto ref = AttachmentRef::fromString(value.toString()))
            result.append(*ref);
    }
    return result;
}

} // namespace AttachmentMimeData
