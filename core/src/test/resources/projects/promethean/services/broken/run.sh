#!/bin/sh
echo broken
