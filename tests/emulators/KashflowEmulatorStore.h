#pragma once

#include "EntityType.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// The emulated company's records and the files attached to them. Entities are found by their key (number, code or
// bank account name) in any case; files by name in any case, as Dropbox, where KashFlow keeps them, finds them.
// File contents live on disk under names the store makes up, so that no name a client sends ever becomes a path.
class KashflowEmulatorStore
{
public:
    struct File
    {
        QString name;
        qint64 size = 0;
        QDateTime modified;
        QString blobPath;
    };

    explicit KashflowEmulatorStore(const QString& directory);

    // The entity types the files API knows: all but the Inbox.
    static QList<EntityType> types();
    // The field that holds the key: Number, Code, or Name for bank accounts (the spec's "Bank Account Name").
    static QString keyField(EntityType type);
    // "Invoice", for XML elements and messages.
    static QString singular(EntityType type);

    // Adds or replaces an entity; `fields` get the key field and an Id when they lack them.
    void addEntity(EntityType type, const QString& key, QJsonObject fields);
    bool hasEntity(EntityType type, const QString& key) const;
    // The key as the entity was added, whatever the case it is asked in.
    QString entityKey(EntityType type, const QString& key) const;
    QList<QJsonObject> entities(EntityType type) const;
    QJsonObject entity(EntityType type, const QString& key) const;

    // Sorted by name.
    QList<File> files(EntityType type, const QString& key) const;
    std::optional<File> file(EntityType type, const QString& key, const QString& name) const;
    // Adds the file or replaces the one of that name (in any case) with its name as given now; none when the
    // entity does not exist or the content cannot be written.
    std::optional<File> putFile(EntityType type, const QString& key, const QString& name, const QByteArray& content,
                                const QDateTime& modified);
    bool removeFile(EntityType type, const QString& key, const QString& name);
    QByteArray content(EntityType type, const QString& key, const QString& name) const;

private:
    struct Entity
    {
        QString key;
        QJsonObject fields;
        QMap<QString, File> files; // by case-folded name
    };

    static QString fold(const QString& text) { return text.toCaseFolded(); }
    const Entity* find(EntityType type, const QString& key) const;

    QString m_blobDirectory;
    QMap<EntityType, QMap<QString, Entity>> m_entities; // by folded key
    int m_nextId = 1;
};
