#include "StoreFactory.h"

#include "LocalStore.h"

#include <QCoreApplication>
#include <QDir>

namespace StoreFactory {

Store* create(const QString& uri, QObject* parent, QString* error)
{
    const QLatin1String localScheme("local:");
    if (uri.startsWith(localScheme)) {
        const QString path = uri.mid(localScheme.size());
        if (path.isEmpty()) {
            *error = QCoreApplication::translate("StoreFactory", "The local store needs a folder: local:PATH.");
            return nullptr;
        }
        return new LocalStore(QDir::isAbsolutePath(path) ? path : QDir::current().absoluteFilePath(path), parent);
    }
    *error = QCoreApplication::translate("StoreFactory", "Unknown store “%1”. Use local:PATH.").arg(uri);
    return nullptr;
}

} // namespace StoreFactory
