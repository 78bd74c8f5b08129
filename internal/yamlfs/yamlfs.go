// Package yamlfs decodes the YAML files of the project's dictionaries strictly: an unknown field
// is an error, and every error names the file.
package yamlfs

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"

	"go.yaml.in/yaml/v3"
)

// Decode reads the YAML file name of fsys into v. Unknown fields are errors.
func Decode(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path.Clean(name), err)
	}
	return nil
}
