#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// A file attached to an entity, with every field of KashFlow's file record, plus the content hash
// (Dropbox's content_hash algorithm, so that every store can compare the same value).
struct Attachment
{
    QString icon;
    QString name;
    QDateTime lastModifiedDate;
    qint64 sizeInBytes = 0;
    QString sizeToBeDisplayed;
    bool isThumbnailAvailable = false;
    QString fileUri;
    QString thumbnailUri;
    QString contentHash;

    // A record whose derived fields (icon, size text, thumbnail flag) follow from the name and size.
    static Attachment describe(const QString& name, qint64 sizeInBytes, const QDateTime& lastModified);

    // The record with KashFlow's field names; LastModifiedDate as "yyyy-MM-dd HH:mm:ss" in UTC.
    QJsonObject toKashFlowJson() const;
    static Attachment fromKashFlowJson(const QJsonObject& object);

    friend bool operator==(const Attachment& a, const Attachment& b);
    friend bool operator!=(const Attachment& a, const Attachment& b) { return !(a == b); }
};

Q_DECLARE_METATYPE(Attachment)
