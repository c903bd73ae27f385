// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/module.h"

namespace crm::app {

// Every module of the server, in dependency order. The one place that names them.
modules::Modules make_modules(modules::ModuleContext& context);

}  // namespace crm::app
