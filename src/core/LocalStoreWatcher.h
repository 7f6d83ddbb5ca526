#pragma once

#include "EntityRef.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>

#include <memory>
#include <vector>

// Watches a local store's folders (the root, each type folder and each entity folder) and says which types
// and entities changed, whoever changed them: a colleague on a shared drive, the file manager, or this app.
class LocalStoreWatcher : public QObject
{
    Q_OBJECT

public:
    LocalStoreWatcher(const QString& rootPath, QObject* parent = nullptr);
    ~LocalStoreWatcher() override;

signals:
    void changed(const QList<EntityType>& types, const QList<EntityRef>& entities);

private:
    // Watches the type folder and the entity folders in it that are not watched yet.
    void watchType(EntityType type);
    void watch(const QStringList& paths);
    // What the watchers hold. The file system drops the watch of a folder that is removed, and a folder made again
    // under its name (restored, or swapped in by a sync tool) is another: only the watchers know which they hold.
    QSet<QString> watchedFolders() const;
    // The same for one folder, without hashing every path.
    bool isWatched(const QString& path) const;
    void onDirectoryChanged(const QString& path);

    const QString m_rootPath;
    // QFileSystemWatcher checks each new path against all it watches; a few hundred folders per watcher keep
    // ten thousand records from costing a quadratic number of comparisons.
    std::vector<std::unique_ptr<QFileSystemWatcher>> m_watchers;
};
