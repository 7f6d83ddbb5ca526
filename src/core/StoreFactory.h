#pragma once

#include <QString>

class QObject;
class Store;

// Makes the store a URI names: "local:<path>" (later also dropbox:, kashflow:, fortnox:).
namespace StoreFactory {

// nullptr, with the reason in *error, when the URI names no store Attaché knows.
Store* create(const QString& uri, QObject* parent, QString* error);

} // namespace StoreFactory
