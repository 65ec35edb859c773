package io.kubelite.machinery;
