#include "AppDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

QString AppDatabase::defaultPath()
{
    // The window's data folder (AppDataLocation), which attache-cli shares under its own application name.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1Char('/')
        + QCoreApplication::organizationName() + QStringLiteral("/attache/attache.sqlite");
}

QString AppDatabase::open(const QString& path, const QString& connectionName)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return QCoreApplication::translate("AppDatabase", "the folder “%1” cannot be created")
            .arg(QDir::toNativeSeparators(folder));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    // The window and attache-cli may write at the same moment; the other one waits briefly.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return db.lastError().text();
    QSqlQuery query(db);
    // WAL: a commit is safe from a killed process without an fsync each time, and readers never block.
    for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL" }) {
        if (!query.exec(QLatin1String(pragma)))
            return query.lastError().text();
    }
    return {};
}
