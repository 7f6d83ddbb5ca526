#include "KashflowEmulatorStore.h"

#include <QDir>
#include <QFile>
#include <QUuid>

KashflowEmulatorStore::KashflowEmulatorStore(const QString& directory)
    : m_blobDirectory(QDir(directory).filePath(QStringLiteral("blobs")))
{
    QDir().mkpath(m_blobDirectory);
}

QList<EntityType> KashflowEmulatorStore::types()
{
    return { EntityType::Quotes, EntityType::Invoices, EntityType::Purchases, EntityType::Customers,
             EntityType::BankAccounts };
}

QString KashflowEmulatorStore::keyField(EntityType type)
{
    switch (type) {
    case EntityType::Customers:
        return QStringLiteral("Code");
    case EntityType::BankAccounts:
        return QStringLiteral("Name");
    default:
        return QStringLiteral("Number");
    }
}

QString KashflowEmulatorStore::singular(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QStringLiteral("Quote");
    case EntityType::Invoices:
        return QStringLiteral("Invoice");
    case EntityType::Purchases:
        return QStringLiteral("Purchase");
    case EntityType::Customers:
        return QStringLiteral("Customer");
    case EntityType::BankAccounts:
        return QStringLiteral("BankAccount");
    case EntityType::Inbox:
    case EntityType::Vouchers:
    case EntityType::Archive:
    case EntityType::SupplierInvoices:
        break;
    }
    return QStringLiteral("Entity");
}

void KashflowEmulatorStore::addEntity(EntityType type, const QString& key, QJsonObject fields)
{
    const QString field = keyField(type);
    // Numbers are numbers in KashFlow's JSON.
    bool numeric = false;
    const qint64 number = key.toLongLong(&numeric);
    if (!fields.contains(field))
        fields.insert(field, field == QLatin1String("Number") && numeric ? QJsonValue(number) : QJsonValue(key));
    if (!fields.contains(QStringLiteral("Id")))
        fields.insert(QStringLiteral("Id"), m_nextId++);
    Entity& entity = m_entities[type][fold(key)];
    entity.key = key;
    entity.fields = fields;
}

bool KashflowEmulatorStore::hasEntity(EntityType type, const QString& key) const
{
    return find(type, key) != nullptr;
}

QString KashflowEmulatorStore::entityKey(EntityType type, const QString& key) const
{
    const Entity* entity = find(type, key);
    return entity ? entity->key : QString();
}

QList<QJsonObject> KashflowEmulatorStore::entities(EntityType type) const
{
    QList<QJsonObject> list;
    for (const Entity& entity : m_entities.value(type))
        list.append(entity.fields);
    return list;
}

QJsonObject KashflowEmulatorStore::entity(EntityType type, const QString& key) const
{
    const Entity* found = find(type, key);
    return found ? found->fields : QJsonObject();
}

QList<KashflowEmulatorStore::File> KashflowEmulatorStore::files(EntityType type, const QString& key) const
{
    const Entity* entity = find(type, key);
    return entity ? entity->files.values() : QList<File>();
}

std::optional<KashflowEmulatorStore::File> KashflowEmulatorStore::file(EntityType type, const QString& key,
                                                                       const QString& name) const
{
    const Entity* entity = find(type, key);
    if (!entity || !entity->files.contains(fold(name)))
        return std::nullopt;
    return entity->files.value(fold(name));
}

std::optional<KashflowEmulatorStore::File> KashflowEmulatorStore::putFile(EntityType type, const QString& key,
                                                                          const QString& name,
                                                                          const QByteArray& content,
                                                                          const QDateTime& modified)
{
    if (!hasEntity(type, key))
        return std::nullopt;
    File file { name, content.size(), modified.toUTC(),
                QDir(m_blobDirectory).filePath(QUuid::createUuid().toString(QUuid::Id128)) };
    QFile blob(file.blobPath);
    if (!blob.open(QIODevice::WriteOnly) || blob.write(content) != content.size()) {
        blob.remove();
        return std::nullopt;
    }
    Entity& entity = m_entities[type][fold(key)];
    const auto old = entity.files.constFind(fold(name));
    if (old != entity.files.constEnd())
        QFile::remove(old->blobPath);
    entity.files.insert(fold(name), file);
    return file;
}

bool KashflowEmulatorStore::removeFile(EntityType type, const QString& key, const QString& name)
{
    if (!hasEntity(type, key))
        return false;
    Entity& entity = m_entities[type][fold(key)];
    const auto file = entity.files.constFind(fold(name));
    if (file == entity.files.constEnd())
        return false;
    QFile::remove(file->blobPath);
    entity.files.erase(file);
    return true;
}

QByteArray KashflowEmulatorStore::content(EntityType type, const QString& key, const QString& name) const
{
    const std::optional<File> found = file(type, key, name);
    if (!found)
        return {};
    QFile blob(found->blobPath);
    return blob.open(QIODevice::ReadOnly) ? blob.readAll() : QByteArray();
}

const KashflowEmulatorStore::Entity* KashflowEmulatorStore::find(EntityType type, const QString& key) const
{
    const auto entities = m_entities.constFind(type);
    if (entities == m_entities.constEnd())
        return nullptr;
    const auto entity = entities->constFind(fold(key));
    return entity == entities->constEnd() ? nullptr : &entity.value();
}
