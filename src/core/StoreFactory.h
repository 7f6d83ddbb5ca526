#pragma once

#include <QString>

class QObject;
class Settings;
class Store;

// Makes the store a URI names: "local:<path>", or "dropbox:<root folder>" for the connected Dropbox
// account (later also kashflow:, fortnox:).
namespace StoreFactory {

// nullptr, with the reason in *error, when the URI names no store Attaché can open.
Store* create(const QString& uri, const Settings& settings, QObject* parent, QString* error);

} // namespace StoreFactory
