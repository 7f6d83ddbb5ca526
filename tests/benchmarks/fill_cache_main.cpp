// For the start-up benchmark: fills the metadata cache as a long-used install would have it, with ENTITIES
// invoices of FILES documents each, without listing any store.
//   attache-fill-cache DATABASE STORE_URI ENTITIES FILES

#include "MetadataCache.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: attache-fill-cache DATABASE STORE_URI ENTITIES FILES\n");
        return 2;
    }
    MetadataCache cache(args.at(1));
    if (!cache.isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
        return 1;
    }
    const QString store = args.at(2);
    const int entityCount = args.at(3).toInt();
    const int fileCount = args.at(4).toInt();
    const QDateTime modified = QDateTime::currentDateTimeUtc();
    QList<Entity> entities;
    for (int i = 0; i < entityCount; ++i)
        entities.append(Entity { EntityRef { EntityType::Invoices, QString::number(1000 + i) }, fileCount });
    cache.setEntities(store, EntityType::Invoices, entities);
    for (EntityType type : EntityTypes::standard()) {
        if (type != EntityType::Invoices)
            cache.setEntities(store, type, {});
    }
    for (const Entity& entity : std::as_const(entities)) {
        QList<Attachment> attachments;
        for (int j = 0; j < fileCount; ++j)
            attachments.append(Attachment::describe(QStringLiteral("receipt-%1.txt").arg(j), 20, modified));
        cache.setAttachments(store, entity.ref, attachments);
    }
    if (!cache.errorString().isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
        return 1;
    }
    return 0;
}
