// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace crm::app {

inline constexpr const char* kVersion = CRM_VERSION;  // from CMake's project(VERSION)

}  // namespace crm::app
