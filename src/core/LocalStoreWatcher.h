#pragma once

#include "EntityRef.h"

#include <QFileSystemWatcher>
#include <QObject>

// Watches a local store's folders (the root, each type folder and each entity folder) and says which types
// and entities changed, whoever changed them: a colleague on a shared drive, the file manager, or this app.
class LocalStoreWatcher : public QObject
{
    Q_OBJECT

public:
    LocalStoreWatcher(const QString& rootPath, QObject* parent = nullptr);

signals:
    void changed(const QList<EntityType>& types, const QList<EntityRef>& entities);

private:
    // Watches the type folder and the entity folders in it that are not watched yet.
    void watchType(EntityType type);
    void onDirectoryChanged(const QString& path);

    const QString m_rootPath;
    QFileSystemWatcher m_watcher;
};
