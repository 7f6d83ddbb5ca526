#pragma once

#include <QString>

// The app's SQLite database, attache.sqlite in its data folder, which the transfer journal and the metadata
// cache share (each on a connection of its own) with every running window and attache-cli.
namespace AppDatabase {

QString defaultPath();

// Adds and opens the QSQLITE connection connectionName on path, creating the folder, in WAL mode; the
// reason when it cannot, else empty. The caller removes the connection when done.
QString open(const QString& path, const QString& connectionName);

} // namespace AppDatabase
